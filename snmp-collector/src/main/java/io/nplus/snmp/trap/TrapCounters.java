package io.nplus.snmp.trap;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the receiver did with every datagram it read: each one is dropped with a reason, accepted into the queue,
 * or was part of an SNMPv3 exchange that carries no notification (engine discovery, time synchronisation). So
 * {@code read == accepted + dropped + engineReports}, exactly; the kernel's own drops (a full socket buffer) are
 * not seen by anyone.
 */
public final class TrapCounters {
    /** More distinct trap names than this (unmapped OIDs a sender chooses) are counted under "other". */
    static final int MAX_NAMES = 1000;

    private final LongAdder read = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder engineReports = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

    TrapCounters() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    void read() {
        read.increment();
    }

    void drop(DropReason reason) {
        dropped.get(reason).increment();
    }

    void accepted() {
        accepted.increment();
    }

    void unaccept() {
        accepted.decrement();
    }

    void engineReport() {
        engineReports.increment();
    }

    void processed(String trapName) {
        processed.increment();
        LongAdder n = received.get(trapName);
        if (n == null) {
            n = received.size() < MAX_NAMES ? received.computeIfAbsent(trapName, k -> new LongAdder())
                : received.computeIfAbsent("other", k -> new LongAdder());
        }
        n.increment();
    }

    /**
     * @param read datagrams read from the socket
     * @param accepted notifications put on the queue
     * @param processed notifications handed on as events
     * @param engineReports SNMPv3 discovery and time-window exchanges (answered with a report, no notification)
     * @param received processed notifications by trap name
     */
    public record Snapshot(long read, long accepted, long processed, long engineReports, Map<DropReason, Long> dropped,
                           Map<String, Long> received) {
        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }

        public long dropped(DropReason reason) {
            return dropped.getOrDefault(reason, 0L);
        }
    }

    public Snapshot snapshot() {
        Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
        dropped.forEach((k, v) -> d.put(k, v.sum()));
        Map<String, Long> r = new LinkedHashMap<>();
        new java.util.TreeMap<>(received).forEach((k, v) -> r.put(k, v.sum()));
        return new Snapshot(read.sum(), accepted.sum(), processed.sum(), engineReports.sum(), d, r);
    }
}
