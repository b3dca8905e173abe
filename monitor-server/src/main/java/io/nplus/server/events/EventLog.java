package io.nplus.server.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent trap events, at most {@code capacity}: the oldest goes when a new one comes. Memory only; after
 * a restart the list starts empty (what the traps changed is in the polls, the alerts and their history).
 *
 * <pre>{@code
 * EventLog log = new EventLog(1000);
 * log.add(event);
 * List<TrapEvent> latest = log.recent(50, "core-sw-1");   // newest first
 * }</pre>
 */
public final class EventLog {
    private final ArrayDeque<TrapEvent> events = new ArrayDeque<>();
    private int capacity;
    private long added;

    public EventLog(int capacity) {
        resize(capacity);
    }

    public synchronized void add(TrapEvent e) {
        events.addLast(e);
        added++;
        while (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /** Keeps at most this many from now on (a reload), dropping the oldest. */
    public synchronized void resize(int newCapacity) {
        if (newCapacity < 1) {
            throw new IllegalArgumentException("an event log keeps at least one event, got " + newCapacity);
        }
        capacity = newCapacity;
        while (events.size() > capacity) {
            events.removeFirst();
        }
    }

    public synchronized int capacity() {
        return capacity;
    }

    /** Events ever added, kept or not. */
    public synchronized long added() {
        return added;
    }

    /** Up to {@code limit} events, newest first; only the device's when {@code device} is not null. */
    public synchronized List<TrapEvent> recent(int limit, String device) {
        List<TrapEvent> out = new ArrayList<>(Math.min(limit, events.size()));
        Iterator<TrapEvent> it = events.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            TrapEvent e = it.next();
            if (device == null || device.equals(e.device())) {
                out.add(e);
            }
        }
        return out;
    }
}
