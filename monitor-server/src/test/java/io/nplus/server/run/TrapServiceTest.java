package io.nplus.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.nplus.alerting.engine.AlertEngine;
import io.nplus.alerting.rules.RulePack;
import io.nplus.core.model.DeviceSnapshot;
import io.nplus.core.model.DeviceState;
import io.nplus.core.model.Fleet;
import io.nplus.core.model.PollStatus;
import io.nplus.core.net.HostPort;
import io.nplus.core.secret.Secret;
import io.nplus.core.time.VirtualClock;
import io.nplus.mibs.trap.TrapCatalog;
import io.nplus.mibs.vocab.Component;
import io.nplus.mibs.vocab.ComponentKind;
import io.nplus.mibs.vocab.Health;
import io.nplus.mibs.vocab.SystemInfo;
import io.nplus.server.config.RunConfig;
import io.nplus.server.events.TrapEvent;
import io.nplus.snmp.engine.EngineTarget;
import io.nplus.snmp.engine.PollEngine;
import io.nplus.snmp.poll.PollResult;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.trap.Notification;
import io.nplus.snmp.trap.ReceivedTrap;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/** Issue 9: what one accepted trap does inside nplus run, on a virtual clock, without a network. */
class TrapServiceTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    static final Credentials V2 = Credentials.community(Credentials.Version.V2C, Secret.of("c"));

    final VirtualClock clock = new VirtualClock(T0);
    final Fleet fleet = new Fleet();
    final List<String> polled = new ArrayList<>();
    final PollEngine engine = new PollEngine(r -> {
        polled.add(r.display());
        return new CompletableFuture<PollResult>(); // never finishes: the test only sees that it started
    }, clock, new PollEngine.Options(10, 0.0, Duration.ofMinutes(10), 1), o -> { });
    final AlertEngine alerts = new AlertEngine(clock, RulePack.parse("t.yaml", """
        rules:
          - {name: Flapping, kind: flapping, select: {kinds: [interface]}, field: state, changes: 2, within: 15m,
             severity: ticket}
        """, false), AlertEngine.Persistence.NONE);
    final TrapService service = new TrapService(clock, fleet, engine, alerts, TrapCatalog.builtIn());

    TrapServiceTest() throws Exception {
        EngineTarget sw1 = new EngineTarget("sw1", InetAddress.getByName("10.0.0.1"), 161, V2, Duration.ofMinutes(1),
            Duration.ofSeconds(1), 0, 25, Duration.ofSeconds(50), Map.of());
        engine.setTargets(List.of(sw1));
        alerts.setFleet(Map.of("sw1", Duration.ofMinutes(1)), List.of());
        fleet.configure(List.of("sw1"));
        Component xe = new Component(ComponentKind.INTERFACE, "3", "xe-0/0/1", Health.OK, "up", Map.of(), Map.of(),
            Map.of(), Map.of(), "", List.of(), "if_mib");
        DeviceSnapshot snap = new DeviceSnapshot("sw1", T0, Duration.ofMillis(5), PollStatus.OK, "",
            new SystemInfo("", "", "", 100.0), List.of("if_mib"), List.of(xe), List.of(), 1, 1);
        fleet.put(new DeviceState("sw1", "10.0.0.1:161", Map.of(), snap, snap, Map.of(), List.of(), 0, Duration.ZERO, T0, null));
        alerts.observe(new io.nplus.alerting.model.Observation("sw1", T0, true, "", List.of(xe), Map.of(), false,
            Duration.ofMinutes(1), Map.of()));
        service.configure(null, false, List.of(sw1)); // no receiver: accept() is driven by hand
    }

    ReceivedTrap linkTrap(String device, String trapOid, int operStatus) {
        List<VariableBinding> payload = List.of(
            new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.3"), new Integer32(3)),
            new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.7.3"), new Integer32(1)),
            new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.8.3"), new Integer32(operStatus)));
        Notification n = new Notification(new OID(trapOid), 100, payload);
        return new ReceivedTrap(clock.instant(), device, "10.0.0.1", "2c", false, n,
            TrapCatalog.builtIn().interpret(n.trapOid(), n.payload()));
    }

    @Test
    void aLinkDownBecomesAnEventAboutThePolledInterfaceAndAPollNow() {
        clock.advance(Duration.ofSeconds(5));
        service.accept(linkTrap("sw1", "1.3.6.1.6.3.1.1.5.3", 2));
        TrapEvent e = service.events().recent(1, null).get(0);
        assertThat(e).isEqualTo(new TrapEvent(T0.plusSeconds(5), "sw1", "10.0.0.1", "linkDown", "1.3.6.1.6.3.1.1.5.3",
            "warning", new TrapEvent.ComponentInfo("interface", "3", "xe-0/0/1"), "down", e.text()));
        // the trap names no interface; the text uses the name the last poll gave ifIndex 3
        assertThat(e.text()).isEqualTo("link down on xe-0/0/1 (admin up, oper down)");
        engine.dispatchDue();
        assertThat(polled).containsExactly("sw1");
    }

    @Test
    void stateChangesFromTrapsReachTheFlappingRule() {
        clock.advance(Duration.ofSeconds(5));
        service.accept(linkTrap("sw1", "1.3.6.1.6.3.1.1.5.3", 2));
        clock.advance(Duration.ofSeconds(5));
        service.accept(linkTrap("sw1", "1.3.6.1.6.3.1.1.5.4", 1));
        Component xe = fleet.get("sw1").lastGood().components().get(0);
        alerts.observe(new io.nplus.alerting.model.Observation("sw1", clock.instant(), true, "", List.of(xe), Map.of(),
            false, Duration.ofMinutes(1), Map.of()));
        assertThat(alerts.alerts()).extracting(v -> v.alert().rule()).containsExactly("Flapping");
    }

    @Test
    void anExtraSourceGetsAnEventButNoPoll() {
        service.accept(linkTrap("ups-1", "1.3.6.1.6.3.1.1.5.3", 2));
        assertThat(service.events().recent(10, "ups-1")).singleElement().satisfies(e -> {
            assertThat(e.component().id()).isEqualTo("3"); // as far as the trap says: no poll knows ups-1
            assertThat(e.component().name()).isEqualTo("ifIndex 3");
        });
        clock.advance(Duration.ofSeconds(1));
        engine.dispatchDue();
        assertThat(polled).doesNotContain("ups-1");
    }

    @Test
    void theAllowListHoldsTargetsAndExtraSources() throws Exception {
        RunConfig.Traps cfg = new RunConfig.Traps(new HostPort("127.0.0.1", 1162), List.of(new RunConfig.TrapSource(
            InetAddress.getByName("192.0.2.7"), "ups", V2, "ups-1")), 10, 1, 1, 10);
        var allow = TrapService.allowList(cfg, engine.targets());
        assertThat(allow.senders()).extracting(s -> s.device() + "@" + s.address().getHostAddress())
            .containsExactlyInAnyOrder("sw1@10.0.0.1", "ups-1@192.0.2.7");
    }
}
