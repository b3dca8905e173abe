package io.nplus.server.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay's pages grouped into incidents, the way on-call lives them: pages about the same subject that overlap
 * (a page while an earlier one of the subject is still open) are one incident. The subject of a page is its
 * redundancy group for a group's alert, the heartbeat for a heartbeat's, the group of a whole-device member for
 * a device-level alert (a load balancer of a pool that stops answering), and the device otherwise (a drive, the
 * array and the controller of one server failing together are one incident).
 */
final class Incidents {
    /** One incident: its subject, when its first page came, when its last alert resolved (NaN: never), its pages. */
    record Incident(String subject, double start, double end, List<ReplayJson.Alert> pages) {
    }

    private Incidents() {
    }

    static String subject(ReplayJson.Alert a, Map<String, String> wholeDeviceGroups) {
        if (!a.group().isEmpty()) {
            return a.group();
        }
        if (a.component().startsWith("group/")) {
            return a.component().substring("group/".length());
        }
        if (a.rule().startsWith("Heartbeat") || a.component().startsWith("heartbeat/")) {
            return "heartbeat";
        }
        if (a.component().isEmpty() && wholeDeviceGroups.containsKey(a.device())) {
            return wholeDeviceGroups.get(a.device());
        }
        return a.device();
    }

    static Map<String, List<Incident>> of(ReplayJson r, Map<String, String> wholeDeviceGroups) {
        Map<String, List<ReplayJson.Alert>> bySubject = new LinkedHashMap<>();
        for (ReplayJson.Alert p : r.pages()) {
            bySubject.computeIfAbsent(subject(p, wholeDeviceGroups), k -> new ArrayList<>()).add(p);
        }
        Map<String, List<Incident>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<ReplayJson.Alert>> e : bySubject.entrySet()) {
            List<ReplayJson.Alert> pages = new ArrayList<>(e.getValue());
            pages.sort(Comparator.comparingDouble(ReplayJson.Alert::atSeconds));
            List<Incident> incidents = new ArrayList<>();
            List<ReplayJson.Alert> current = new ArrayList<>();
            double start = Double.NaN;
            double end = Double.NaN;
            boolean open = false;
            for (ReplayJson.Alert p : pages) {
                ReplayJson.Alert res = r.resolveOf(p);
                double until = res == null ? Double.POSITIVE_INFINITY : res.atSeconds();
                if (open && p.atSeconds() > end) {
                    incidents.add(new Incident(e.getKey(), start, end, List.copyOf(current)));
                    current.clear();
                    open = false;
                }
                if (!open) {
                    start = p.atSeconds();
                    end = until;
                    open = true;
                } else {
                    end = Math.max(end, until);
                }
                current.add(p);
            }
            if (open) {
                incidents.add(new Incident(e.getKey(), start, end, List.copyOf(current)));
            }
            out.put(e.getKey(), incidents);
        }
        return out;
    }
}
