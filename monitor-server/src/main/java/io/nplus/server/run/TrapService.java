package io.nplus.server.run;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.core.model.DeviceState;
import io.nplus.core.model.Fleet;
import io.nplus.mibs.trap.ComponentRef;
import io.nplus.mibs.trap.TrapCatalog;
import io.nplus.mibs.trap.TrapInterpretation;
import io.nplus.mibs.vocab.Component;
import io.nplus.server.config.RunConfig;
import io.nplus.server.events.EventLog;
import io.nplus.server.events.TrapEvent;
import io.nplus.snmp.engine.EngineTarget;
import io.nplus.snmp.engine.PollEngine;
import io.nplus.snmp.trap.AllowList;
import io.nplus.snmp.trap.ReceivedTrap;
import io.nplus.snmp.trap.TrapCounters;
import io.nplus.snmp.trap.TrapReceiver;
import io.nplus.snmp.trap.TrapSender;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trap receiver inside {@code nplus run}: started, re-pointed and stopped with the config, and what each
 * accepted trap does: an event in the ring for /api/v1/events, a log line, an out-of-turn poll of the device, and
 * a state change the alert rules see.
 */
final class TrapService implements Closeable {
    private static final Logger log = LoggerFactory.getLogger("nplus");
    /** Traps closer together than this share one re-poll (a switch reports 48 ports going down at once). */
    static final Duration REPOLL_GAP = Duration.ofSeconds(2);

    private final Clock clock;
    private final Fleet fleet;
    private final PollEngine engine;
    private final AlertEngine alerts;
    private final EventLog events = new EventLog(1000);
    private final TrapCatalog catalog;
    private TrapReceiver receiver;
    private RunConfig.Traps config;
    private volatile Set<String> targets = Set.of();
    private String startError;

    TrapService(Clock clock, Fleet fleet, PollEngine engine, AlertEngine alerts, TrapCatalog catalog) {
        this.clock = clock;
        this.fleet = fleet;
        this.engine = engine;
        this.alerts = alerts;
        this.catalog = catalog;
    }

    EventLog events() {
        return events;
    }

    /** The receiver's counters, or null when none runs. */
    synchronized TrapCounters.Snapshot counters() {
        return receiver == null ? null : receiver.counters();
    }

    synchronized TrapReceiver receiver() {
        return receiver;
    }

    /** Why the receiver could not start at the last (re)configuration, or null. */
    synchronized String startError() {
        return startError;
    }

    /**
     * Follows a checked config: starts, moves or stops the receiver, and replaces the allow-list (the targets'
     * resolved addresses with their credentials, and the extra sources). A new listen address that cannot be bound
     * is logged and kept in {@link #startError()}; the start refuses it, a reload leaves traps off.
     */
    synchronized void configure(RunConfig.Traps next, boolean allowWeak, List<EngineTarget> polled) {
        targets = Set.copyOf(polled.stream().map(EngineTarget::name).toList());
        startError = null;
        if (next == null) {
            closeReceiver();
            config = null;
            return;
        }
        events.resize(next.keepEvents());
        AllowList allow = allowList(next, polled);
        boolean restart = receiver == null || config == null || !config.listen().equals(next.listen())
            || config.queueSize() != next.queueSize() || config.rateLimit() != next.rateLimit()
            || config.burst() != next.burst();
        if (!restart) {
            receiver.setAllowList(allow);
            config = next;
            return;
        }
        closeReceiver();
        config = next;
        try {
            InetSocketAddress listen = new InetSocketAddress(InetAddress.getByName(next.listen().host()), next.listen().port());
            receiver = TrapReceiver.start(TrapReceiver.Options.defaults(listen).withLimits(next.queueSize(),
                next.rateLimit(), next.burst()).withWeakProtocols(allowWeak), allow, catalog, clock, this::accept);
            log.info("event=traps listen=udp:{} senders={}", next.listen(), allow.senders().size());
        } catch (IOException | RuntimeException e) {
            startError = e.getMessage();
            log.error("event=traps listen=udp:{} error=\"{}\"", next.listen(), e.getMessage());
        }
    }

    static AllowList allowList(RunConfig.Traps cfg, List<EngineTarget> polled) {
        List<TrapSender> senders = new ArrayList<>();
        for (EngineTarget t : polled) {
            senders.add(new TrapSender(t.name(), t.host(), t.credentials()));
        }
        for (RunConfig.TrapSource s : cfg.allow()) {
            senders.add(new TrapSender(s.device(), s.source(), s.credentials()));
        }
        return AllowList.of(senders);
    }

    /** On the receiver's processing thread: never on the network thread, never on a poll's. */
    void accept(ReceivedTrap r) {
        TrapInterpretation m = r.meaning();
        ComponentRef ref = m.component();
        Component c = null;
        DeviceState d = fleet.get(r.device());
        if (ref != null && d != null && d.lastGood() != null) {
            c = ref.resolve(d.lastGood().components());
        }
        TrapEvent.ComponentInfo info = c != null ? new TrapEvent.ComponentInfo(c.kind().word(), c.id(), c.name())
            : ref == null ? null : new TrapEvent.ComponentInfo(ref.kind() == null ? null : ref.kind().word(), ref.id(), ref.name());
        String text = m.text();
        if (c != null && ref != null && ref.name() != null && !ref.name().isEmpty() && !c.name().isEmpty()) {
            text = text.replace(ref.name(), c.name()); // "link down on ifIndex 526" -> "link down on ge-1/1/0"
        }
        TrapEvent e = new TrapEvent(r.at(), r.device(), r.source(), m.name(), m.oid(), m.severity().word(), info, m.state(),
            text);
        events.add(e);
        log.info("event=trap device={} source={} version={} trap={} severity={} component=\"{}\" text=\"{}\"", r.device(),
            r.source(), r.version() + (r.inform() ? " inform" : ""), m.name(), m.severity().word(),
            info == null ? "" : info.kind() + "/" + (info.id() != null ? info.id() : info.name()), text);
        if (!targets.contains(r.device())) {
            return; // an extra source nplus does not poll: the event is all there is
        }
        if (m.repoll()) {
            engine.pollSoon(r.device(), REPOLL_GAP);
        }
        if (c != null && m.state() != null) {
            alerts.observeEvent(r.device(), c.kind().word() + "/" + c.id(), "state", m.state(), r.at());
        }
    }

    private void closeReceiver() {
        if (receiver != null) {
            try {
                receiver.close();
            } catch (IOException e) {
                log.warn("event=traps note=\"closing the receiver: {}\"", e.getMessage());
            }
            receiver = null;
        }
    }

    @Override
    public synchronized void close() {
        closeReceiver();
    }
}
