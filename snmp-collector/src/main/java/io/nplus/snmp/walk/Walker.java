package io.nplus.snmp.walk;

import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.snmp4j.Target;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;

/**
 * Asynchronous, bounded reads from one agent. Every future completes: with data, or with a typed end; a
 * misbehaving agent can stop a column, never the caller.
 *
 * <pre>{@code
 * Walker walker = new Walker(client);
 * Deadline deadline = Deadline.after(Duration.ofSeconds(30));
 * WalkResult r = walker.walk(target, credentials, List.of(ifDescr, ifOperStatus), WalkLimits.defaults(), deadline).join();
 * r.columns().forEach(c -> System.out.println(c.column() + " " + c.end() + " " + c.rows()));
 * }</pre>
 */
public final class Walker {
    private final SnmpClient client;

    public Walker(SnmpClient client) {
        this.client = client;
    }

    public CompletableFuture<GetResult> get(Target<UdpAddress> target, Credentials credentials, List<OID> instances,
                                            Deadline deadline) {
        ScalarGet get = new ScalarGet(client, target, credentials, instances, deadline);
        get.start();
        return get.future;
    }

    public CompletableFuture<GetResult> probe(Target<UdpAddress> target, Credentials credentials, List<OID> prefixes,
                                              Deadline deadline) {
        Probe probe = new Probe(client, target, credentials, prefixes, deadline);
        probe.start();
        return probe.future;
    }

    public CompletableFuture<WalkResult> walk(Target<UdpAddress> target, Credentials credentials, List<OID> columns,
                                              WalkLimits limits, Deadline deadline) {
        ColumnWalk walk = new ColumnWalk(client, target, credentials, columns, limits, deadline);
        walk.start();
        return walk.future;
    }
}
