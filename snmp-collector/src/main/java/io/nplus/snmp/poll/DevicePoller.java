package io.nplus.snmp.poll;

import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.PollStatus;
import io.nplus.core.model.WalkProblem;
import io.nplus.mibs.data.MibSnapshot;
import io.nplus.mibs.detect.Detector;
import io.nplus.mibs.expr.ColumnDef;
import io.nplus.mibs.interpret.DeviceInterpreter;
import io.nplus.mibs.profile.Profile;
import io.nplus.mibs.vocab.SystemInfo;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import io.nplus.snmp.walk.ColumnOutcome;
import io.nplus.snmp.walk.Deadline;
import io.nplus.snmp.walk.GetResult;
import io.nplus.snmp.walk.WalkEnd;
import io.nplus.snmp.walk.WalkResult;
import io.nplus.snmp.walk.Walker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.snmp4j.Target;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;

/**
 * Polls one device in four steps, each a few requests: the system group (GET), one GETNEXT probe per candidate
 * table, GETs of the matched profiles' scalars, and a walk of exactly the columns they read. The answers are
 * interpreted into a {@link DeviceSnapshot}. A request that carries the previous poll's {@link Detection} skips the
 * probes while it still holds, so a steady device costs the system GET, the scalars and the walk.
 *
 * <pre>{@code
 * DevicePoller poller = new DevicePoller(client, new DeviceInterpreter(new Detector(ProfileCatalog.builtIn())), Clock.systemUTC());
 * DeviceSnapshot s = poller.poll(request).join().snapshot();
 * }</pre>
 *
 * <p>The first request decides reachability: no answer means {@link PollStatus#UNREACHABLE} (a wrong community
 * looks the same: agents drop it without a word), an SNMPv3 report means {@link PollStatus#AUTH_FAILED}.
 */
public final class DevicePoller {
    private final SnmpClient client;
    private final Walker walker;
    private final DeviceInterpreter interpreter;
    private final Clock clock;

    public DevicePoller(SnmpClient client, DeviceInterpreter interpreter, Clock clock) {
        this.client = client;
        this.walker = new Walker(client);
        this.interpreter = interpreter;
        this.clock = clock;
    }

    public CompletableFuture<PollResult> poll(PollRequest request) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Target<UdpAddress> target;
        try {
            target = client.target(request.host(), request.port(), request.credentials(), request.timeout(),
                request.retries());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(failed(request, at, started, PollStatus.ERROR, e.getMessage(), 0));
        }
        Deadline deadline = Deadline.after(request.deadline());
        Detector detector = interpreter.detector();
        Map<OID, ColumnDef> systemOids = instances(detector.systemColumns());
        Poll poll = new Poll(request, target, deadline, at, started);
        return walker.get(target, request.credentials(), new ArrayList<>(systemOids.keySet()), deadline)
            .thenCompose(sys -> poll.afterSystem(sys, systemOids));
    }

    private static Map<OID, ColumnDef> instances(Set<ColumnDef> scalars) {
        Map<OID, ColumnDef> out = new LinkedHashMap<>();
        for (ColumnDef c : scalars) {
            out.put(c.readOid(), c);
        }
        return out;
    }

    private PollResult failed(PollRequest r, Instant at, long started, PollStatus status, String error, int requests) {
        DeviceSnapshot s = new DeviceSnapshot(r.display(), at, Duration.ofNanos(System.nanoTime() - started), status,
            error, new SystemInfo("", "", "", null), List.of(), List.of(), List.of(), requests, 0);
        return new PollResult(s, List.of(), r.limits().maxRepetitions());
    }

    /** The state of one poll between its steps. */
    private final class Poll {
        private final PollRequest request;
        private final Target<UdpAddress> target;
        private final Deadline deadline;
        private final Instant at;
        private final long started;
        private final TreeMap<OID, Variable> data = new TreeMap<>();
        private final List<WalkProblem> problems = new ArrayList<>();
        private int requests;
        private int varbinds;
        private SystemInfo system;
        private List<Profile> matched = List.of();
        private Detection detection;

        Poll(PollRequest request, Target<UdpAddress> target, Deadline deadline, Instant at, long started) {
            this.request = request;
            this.target = target;
            this.deadline = deadline;
            this.at = at;
            this.started = started;
        }

        CompletableFuture<PollResult> afterSystem(GetResult sys, Map<OID, ColumnDef> systemOids) {
            requests += sys.requests();
            varbinds += sys.varbinds();
            if (!sys.answered()) {
                PollStatus status = sys.end() == WalkEnd.AUTH_FAILED ? PollStatus.AUTH_FAILED
                    : sys.end() == WalkEnd.SEND_FAILED ? PollStatus.ERROR : PollStatus.UNREACHABLE;
                return CompletableFuture.completedFuture(failed(request, at, started, status, unreachable(sys),
                    requests));
            }
            data.putAll(sys.values());
            if (sys.end().isProblem()) {
                problems.add(new WalkProblem(names(systemOids.values()), systemOids.keySet().iterator().next()
                    .toDottedString(), sys.end().word(), sys.detail(), sys.values().size()));
            }
            Detector detector = interpreter.detector();
            system = detector.system(MibSnapshot.of(data));
            Detection known = request.known();
            if (known != null && problems.isEmpty() && known.stillHolds(system, clock.instant())) {
                matched = known.matched();
                detection = known.confirmedBy(system);
                return readProfiles();
            }
            List<Profile> candidates = detector.candidates(system);
            List<ColumnDef> probes = new ArrayList<>(detector.probes(candidates));
            List<OID> probeOids = probes.stream().map(ColumnDef::oid).toList();
            return walker.probe(target, request.credentials(), probeOids, deadline).thenCompose(found -> {
                requests += found.requests();
                varbinds += found.varbinds();
                if (found.end().isProblem()) {
                    problems.add(new WalkProblem("detection probes", probeOids.isEmpty() ? "" : probeOids.get(0)
                        .toDottedString(), found.end().word(), found.detail(), found.values().size()));
                }
                Set<OID> present = found.values().keySet();
                matched = detector.select(candidates, c -> present.contains(c.oid()));
                detection = new Detection(system.objectId(), system.descr(), system.uptimeSeconds(), at, matched);
                return readProfiles();
            });
        }

        private CompletableFuture<PollResult> readProfiles() {
            Set<ColumnDef> scalars = new LinkedHashSet<>();
            Set<ColumnDef> columns = new LinkedHashSet<>();
            for (Profile p : matched) {
                scalars.addAll(p.scalarColumns());
                columns.addAll(p.tableColumns());
            }
            Map<OID, ColumnDef> scalarOids = instances(scalars);
            scalarOids.keySet().removeAll(data.keySet());
            Map<OID, List<ColumnDef>> byOid = new TreeMap<>();
            for (ColumnDef c : columns) {
                byOid.computeIfAbsent(c.oid(), k -> new ArrayList<>()).add(c);
            }
            CompletableFuture<GetResult> getScalars = scalarOids.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : walker.get(target, request.credentials(), new ArrayList<>(scalarOids.keySet()), deadline);
            return getScalars.thenCompose(got -> {
                if (got != null) {
                    requests += got.requests();
                    varbinds += got.varbinds();
                    data.putAll(got.values());
                    if (got.end().isProblem()) {
                        problems.add(new WalkProblem(names(scalarOids.values()), scalarOids.keySet().iterator().next()
                            .toDottedString(), got.end().word(), got.detail(), got.values().size()));
                    }
                }
                // Sorted by OID, so the columns of one table share requests.
                return walker.walk(target, request.credentials(), new ArrayList<>(byOid.keySet()), request.limits(),
                    deadline);
            }).thenApply(walk -> finish(walk, byOid));
        }

        private PollResult finish(WalkResult walk, Map<OID, List<ColumnDef>> byOid) {
            requests += walk.requests();
            varbinds += walk.varbinds();
            problems.addAll(walkProblems(walk.columns(), byOid));
            MibSnapshot all = MibSnapshot.union(MibSnapshot.of(data), walk.data());
            DeviceInterpreter.DeviceHealth health = interpreter.interpret(system, matched, all, request.explain());
            DeviceSnapshot s = new DeviceSnapshot(request.display(), at, Duration.ofNanos(System.nanoTime() - started),
                PollStatus.OK, "", system, health.profiles(), health.components(), problems, requests, varbinds);
            return new PollResult(s, health.explanations(), walk.maxRepetitions(), problems.isEmpty() ? detection : null);
        }

        private String unreachable(GetResult sys) {
            switch (sys.end()) {
                case AUTH_FAILED:
                    return request.display() + ": SNMPv3 authentication failed: " + sys.detail();
                case SEND_FAILED:
                    return request.display() + ": cannot send: " + sys.detail();
                case DEADLINE:
                    return request.display() + ": no answer before the deadline";
                default:
                    return request.display() + ": " + sys.detail() + ": the host is down or unreachable, nothing"
                        + " listens on that port, or " + (request.credentials() instanceof Credentials.Usm
                        ? "the v3 user, context or priv passphrase is wrong" : "the community is wrong");
            }
        }
    }

    /** One problem per table: columns of the same table that ended the same way are reported together. */
    static List<WalkProblem> walkProblems(List<ColumnOutcome> outcomes, Map<OID, List<ColumnDef>> byOid) {
        Map<String, List<ColumnOutcome>> grouped = new LinkedHashMap<>();
        for (ColumnOutcome o : outcomes) {
            if (o.end().isProblem()) {
                OID table = o.column().size() > 1 ? o.column().trim() : o.column();
                grouped.computeIfAbsent(table + "|" + o.end() + "|" + o.detail(), k -> new ArrayList<>()).add(o);
            }
        }
        List<WalkProblem> out = new ArrayList<>();
        for (List<ColumnOutcome> group : grouped.values()) {
            ColumnOutcome first = group.get(0);
            String what = group.stream().flatMap(o -> byOid.getOrDefault(o.column(), List.of()).stream())
                .map(ColumnDef::name).distinct().collect(Collectors.joining(", "));
            int rows = group.stream().mapToInt(ColumnOutcome::rows).max().orElse(0);
            out.add(new WalkProblem(what, first.column().toDottedString(), first.end().word(), first.detail(), rows));
        }
        return out;
    }

    private static String names(java.util.Collection<ColumnDef> defs) {
        return defs.stream().map(ColumnDef::name).distinct().collect(Collectors.joining(", "));
    }
}
