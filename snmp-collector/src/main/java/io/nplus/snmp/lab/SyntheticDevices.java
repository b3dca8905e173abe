package io.nplus.snmp.lab;

import io.nplus.mibs.data.MibSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * Generated devices for benchmarks: a switch, by default 48 ports plus 4 uplinks, with an optic in every port
 * reporting DOM through ENTITY-SENSOR-MIB (about 46 varbinds per port). Deterministic, so every run serves the same
 * data; one snapshot is shared by any number of devices.
 */
public final class SyntheticDevices {
    public static final int PORTS = 52;

    private SyntheticDevices() {
    }

    public static MibSnapshot switch48() {
        return switchWithPorts(PORTS);
    }

    /** A switch with {@code ports} ports; from 8 ports on, the last 4 are 100G uplinks. */
    public static MibSnapshot switchWithPorts(int ports) {
        return switchWithPorts(ports, 0);
    }

    /**
     * The same switch {@code seconds} after it started: sysUpTime, the traffic counters (each port at its own
     * rate, swelling and ebbing over minutes), the occasional error and discard, and receive power that steps by
     * 0.1 dB now and then, as live devices do.
     */
    public static MibSnapshot switchWithPorts(int ports, long seconds) {
        if (ports < 1 || ports > 4096) {
            throw new IllegalArgumentException("ports must be 1..4096, not " + ports);
        }
        int access = ports >= 8 ? ports - 4 : ports;
        Map<OID, Variable> m = new TreeMap<>();
        put(m, "1.3.6.1.2.1.1.1.0", new OctetString("nplus synthetic " + ports + "-port switch"));
        put(m, "1.3.6.1.2.1.1.2.0", new OID("1.3.6.1.4.1.99999.1.48"));
        put(m, "1.3.6.1.2.1.1.3.0", new TimeTicks(123_456_789L + seconds * 100));
        put(m, "1.3.6.1.2.1.1.5.0", new OctetString("synthetic-switch"));
        for (int p = 1; p <= ports; p++) {
            boolean uplink = p > access;
            String name = uplink ? "Ethernet" + (access + 1) + "/" + (p - access) : "Ethernet" + p;
            long speedMbps = uplink ? 100_000 : 25_000;
            put(m, "1.3.6.1.2.1.2.2.1.2." + p, new OctetString(name));
            put(m, "1.3.6.1.2.1.2.2.1.3." + p, new Integer32(6));
            put(m, "1.3.6.1.2.1.2.2.1.5." + p, new Gauge32(4294967295L));
            put(m, "1.3.6.1.2.1.2.2.1.7." + p, new Integer32(1));
            put(m, "1.3.6.1.2.1.2.2.1.8." + p, new Integer32(p % 7 == 0 ? 2 : 1));
            put(m, "1.3.6.1.2.1.2.2.1.9." + p, new TimeTicks(1000L * p));
            put(m, "1.3.6.1.2.1.2.2.1.13." + p, new org.snmp4j.smi.Counter32(p + seconds / (600 + p)));
            put(m, "1.3.6.1.2.1.2.2.1.14." + p, new org.snmp4j.smi.Counter32(2L * p + seconds / (3600 + p)));
            put(m, "1.3.6.1.2.1.2.2.1.19." + p, new org.snmp4j.smi.Counter32(3L * p));
            put(m, "1.3.6.1.2.1.2.2.1.20." + p, new org.snmp4j.smi.Counter32(4L * p + seconds / (900 + p)));
            put(m, "1.3.6.1.2.1.31.1.1.1.1." + p, new OctetString(name));
            long inBytes = traffic(1_000_000L * p, seconds, p);
            long outBytes = traffic(700_000L * p, seconds, p + 17);
            put(m, "1.3.6.1.2.1.31.1.1.1.6." + p, new Counter64(1_000_000_000_000L * p + inBytes));
            put(m, "1.3.6.1.2.1.31.1.1.1.7." + p, new Counter64(1_000_000_000L * p + inBytes / 900));
            put(m, "1.3.6.1.2.1.31.1.1.1.10." + p, new Counter64(2_000_000_000_000L * p + outBytes));
            put(m, "1.3.6.1.2.1.31.1.1.1.11." + p, new Counter64(2_000_000_000L * p + outBytes / 1100));
            put(m, "1.3.6.1.2.1.31.1.1.1.15." + p, new Gauge32(speedMbps));
            put(m, "1.3.6.1.2.1.31.1.1.1.18." + p, new OctetString(uplink ? "uplink to spine " + (p - access) : "server " + p));
            put(m, "1.3.6.1.2.1.31.1.1.1.19." + p, new TimeTicks(0));
            // Five DOM sensors per port, indexed 1000 * port + n, contained in the port's transceiver.
            String[] sensors = {"Temperature", "Voltage", "Bias", "TX Power", "RX Power"};
            int[] types = {8, 4, 5, 6, 6};            // celsius, voltsDC, amperes, watts, watts
            int[] scales = {9, 9, 7, 8, 8};            // units, units, micro, milli, milli
            int[] precisions = {1, 2, 0, 4, 4};
            // Receive power steps by about 0.1 dB every few minutes, port by port.
            int rxStep = (int) ((seconds / 240 + p) % 3) - 1;
            int[] values = {360 + p, 330, 6500, 6000 - p * 10, 4000 + p * 20 + rxStep * 90};
            for (int s = 0; s < sensors.length; s++) {
                int idx = 1000 * p + s + 1;
                put(m, "1.3.6.1.2.1.47.1.1.1.1.2." + idx, new OctetString("DOM " + sensors[s] + " Sensor for " + name));
                put(m, "1.3.6.1.2.1.47.1.1.1.1.7." + idx, new OctetString(name + " " + sensors[s]));
                put(m, "1.3.6.1.2.1.99.1.1.1.1." + idx, new Integer32(types[s]));
                put(m, "1.3.6.1.2.1.99.1.1.1.2." + idx, new Integer32(scales[s]));
                put(m, "1.3.6.1.2.1.99.1.1.1.3." + idx, new Integer32(precisions[s]));
                put(m, "1.3.6.1.2.1.99.1.1.1.4." + idx, new Integer32(values[s]));
                put(m, "1.3.6.1.2.1.99.1.1.1.5." + idx, new Integer32(1));
            }
        }
        return MibSnapshot.of(m);
    }

    /** Bytes sent in {@code seconds} at {@code rate} per second, swelling and ebbing by 30 % over about 10 minutes. */
    private static long traffic(long rate, long seconds, int phase) {
        double period = 600.0 / (2 * Math.PI);
        double swing = 0.3 * rate * period * (Math.cos(phase) - Math.cos(seconds / period + phase));
        return rate * seconds + (long) swing;
    }

    /**
     * A fleet for benchmarks: {@code count} devices, four switches to every RAID server (named sw-00001 ...,
     * raid-00001 ...), sharing two snapshots.
     */
    public static Map<String, LabDevice> fleet(int count, MibSnapshot raidServer) {
        return fleet(count, raidServer, PORTS);
    }

    /**
     * Moves every switch of a {@link #fleet} to {@code seconds} after the start (one shared snapshot, so the cost
     * does not grow with the fleet). A lab calls it every second to serve live-looking counters.
     */
    public static void advance(Map<String, LabDevice> fleet, int ports, long seconds) {
        MibSnapshot sw = switchWithPorts(ports, seconds);
        for (LabDevice d : fleet.values()) {
            if (d.name().startsWith("sw-")) {
                d.replace(sw);
            }
        }
    }

    /** The same with switches of {@code ports} ports. */
    public static Map<String, LabDevice> fleet(int count, MibSnapshot raidServer, int ports) {
        MibSnapshot sw = switchWithPorts(ports);
        Map<String, LabDevice> out = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            boolean raid = i % 5 == 0;
            String name = String.format(raid ? "raid-%05d" : "sw-%05d", i);
            out.put(name, new LabDevice(name, raid ? raidServer : sw));
        }
        return out;
    }

    private static void put(Map<OID, Variable> m, String oid, Variable v) {
        m.put(new OID(oid), v);
    }
}
