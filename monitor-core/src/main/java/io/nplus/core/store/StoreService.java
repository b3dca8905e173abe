package io.nplus.core.store;

import io.nplus.core.store.codec.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The store as the running server uses it: polls are handed over without waiting ({@link #submit}) and written
 * by one thread, which also compacts and applies retention. When the store fails (disk full, I/O error, the
 * database closed under it) the service says so in {@link #status}, keeps the unwritten polls in memory up to a
 * bound (older ones are dropped and counted beyond it), and reopens the store with backoff; polling and
 * alerting never wait for it.
 *
 * <pre>{@code
 * StoreService store = StoreService.start(Path.of("data"), clock, TimeSeriesStore.Options.defaults(), Options.defaults());
 * store.submit(new StoreService.Poll("core-sw-1", t, refs, values, n));
 * StoreService.Status s = store.status();   // up, last error, pending samples ...
 * }</pre>
 */
public final class StoreService implements Closeable {
    /**
     * @param maxPendingSamples samples kept in memory while the store is down (and queued while it is busy)
     * @param firstRetry the first reopen attempt after a failure; doubled each time up to {@code maxRetry}
     * @param maintainEvery how often compaction and retention run
     */
    public record Options(long maxPendingSamples, Duration firstRetry, Duration maxRetry, Duration maintainEvery) {
        public static Options defaults() {
            return new Options(5_000_000, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
        }
    }

    /**
     * A series as a producer refers to it: made once and reused for every poll, so the writer resolves its id
     * once (an id never changes: it is in the store).
     */
    public static final class SeriesRef {
        private final SeriesKey key;
        private final Kind kind;
        private volatile int id = -1;

        public SeriesRef(SeriesKey key, Kind kind) {
            this.key = key;
            this.kind = kind;
        }

        public SeriesKey key() {
            return key;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** One poll of one device: {@code n} samples at time {@code t} (epoch millis). */
    public record Poll(String group, long t, SeriesRef[] series, long[] values, int n) {
    }

    /** What the service is doing, for /-/ready and the metrics. */
    public record Status(boolean up, String error, String reason, Instant downSince, long pendingSamples,
                         long samplesWritten, long samplesDropped, Map<String, Long> errors) {
    }

    private final DataDir dir;
    private final Clock clock;
    private final TimeSeriesStore.Options storeOptions;
    private final Options options;
    private final Thread thread;
    private final Object lock = new Object();
    private final Deque<Poll> queue = new ArrayDeque<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Consumer<String> log = m -> { };
    private long pending;
    private boolean stopping;
    private volatile TimeSeriesStore store;
    private volatile String error = "";
    private volatile String reason = "";
    private volatile Instant downSince;

    private StoreService(DataDir dir, Clock clock, TimeSeriesStore.Options storeOptions, Options options,
                         TimeSeriesStore store) {
        this.dir = dir;
        this.clock = clock;
        this.storeOptions = storeOptions;
        this.options = options;
        this.store = store;
        this.thread = new Thread(this::run, "nplus-store");
        this.thread.setDaemon(true);
    }

    /**
     * Locks the data directory and opens the store. A directory in use or a damaged file stops the start
     * ({@link StoreException}); everything after that is handled, not thrown.
     */
    public static StoreService start(java.nio.file.Path dataDir, Clock clock, TimeSeriesStore.Options storeOptions,
                                     Options options) throws StoreException {
        DataDir dir = DataDir.lock(dataDir);
        TimeSeriesStore store;
        try {
            store = TimeSeriesStore.open(dir, clock, storeOptions);
        } catch (StoreException e) {
            try {
                dir.close();
            } catch (IOException ignored) {
                // the StoreException says what matters
            }
            throw e;
        }
        StoreService s = new StoreService(dir, clock, storeOptions, options, store);
        s.thread.start();
        return s;
    }

    /** Where events worth a log line go (store down, store back). */
    public void onEvent(Consumer<String> log) {
        this.log = log;
    }

    /** Queues a poll for writing; never blocks. Beyond the pending bound the oldest queued polls are dropped. */
    public void submit(Poll poll) {
        if (poll.n() == 0) {
            return;
        }
        synchronized (lock) {
            if (stopping) {
                return;
            }
            queue.addLast(poll);
            pending += poll.n();
            while (pending > options.maxPendingSamples() && queue.size() > 1) {
                Poll old = queue.pollFirst();
                pending -= old.n();
                dropped.addAndGet(old.n());
            }
            lock.notifyAll();
        }
    }

    /** The store, for queries; null while it is down. */
    public TimeSeriesStore store() {
        return store;
    }

    public Status status() {
        long p;
        synchronized (lock) {
            p = pending;
        }
        Map<String, Long> e = new java.util.TreeMap<>();
        errors.forEach((k, v) -> e.put(k, v.get()));
        return new Status(store != null, error, reason, downSince, p, written.get(), dropped.get(), e);
    }

    private void run() {
        long nextMaintain = System.nanoTime() + options.maintainEvery().toNanos();
        long retryNanos = options.firstRetry().toNanos();
        long nextRetry = 0;
        while (true) {
            Poll next;
            synchronized (lock) {
                long now = System.nanoTime();
                long wakeAt = store == null ? nextRetry : nextMaintain;
                while (!stopping && (queue.isEmpty() || store == null) && now < wakeAt) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, wakeAt - now));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    now = System.nanoTime();
                    wakeAt = store == null ? nextRetry : nextMaintain;
                }
                if (stopping && (queue.isEmpty() || store == null)) {
                    return;
                }
                next = store == null ? null : queue.peekFirst();
            }
            if (store == null) {
                if (reopen()) {
                    retryNanos = options.firstRetry().toNanos();
                } else {
                    retryNanos = Math.min(retryNanos * 2, options.maxRetry().toNanos());
                    nextRetry = System.nanoTime() + retryNanos;
                }
                continue;
            }
            if (next != null) {
                if (write(next)) {
                    synchronized (lock) {
                        if (queue.peekFirst() == next) {
                            queue.pollFirst();
                            pending -= next.n();
                        }
                    }
                } else {
                    nextRetry = System.nanoTime() + retryNanos;
                }
            }
            if (store != null && System.nanoTime() >= nextMaintain) {
                try {
                    store.maintain();
                } catch (SQLException | RuntimeException e) {
                    failed(e, "maintenance");
                    nextRetry = System.nanoTime() + retryNanos;
                }
                nextMaintain = System.nanoTime() + options.maintainEvery().toNanos();
            }
        }
    }

    /** Writes one poll; false (and the store marked down) when the store failed. */
    private boolean write(Poll p) {
        TimeSeriesStore s = store;
        try {
            int[] ids = new int[p.n()];
            for (int i = 0; i < p.n(); i++) {
                SeriesRef r = p.series()[i];
                if (r.id < 0) {
                    r.id = s.series(r.key(), r.kind(), p.group()).id();
                }
                ids[i] = r.id;
            }
            s.append(p.group(), p.t(), ids, java.util.Arrays.copyOf(p.values(), p.n()));
            written.addAndGet(p.n());
            return true;
        } catch (SQLException e) {
            failed(e, "writing a poll of " + p.group());
            return false;
        } catch (RuntimeException e) {
            // Not the store's fault: this poll cannot be written (a defect of ours). Drop it, keep the store.
            errors.computeIfAbsent("invalid_poll", k -> new AtomicLong()).incrementAndGet();
            dropped.addAndGet(p.n());
            log.accept("event=store_skip target=" + p.group() + " error=\"" + firstLine(String.valueOf(e)) + "\"");
            return true;
        }
    }

    private void failed(Exception e, String doing) {
        String why = reasonOf(e);
        errors.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        error = doing + ": " + firstLine(String.valueOf(e.getMessage()));
        reason = why;
        downSince = clock.instant();
        // The event first, then the state: whoever sees the store down finds the event logged.
        log.accept("event=store_down reason=" + why + " error=\"" + error + "\" note=\"polling continues; unwritten"
            + " polls are kept in memory and written when the store is back\"");
        TimeSeriesStore s = store;
        store = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already failing; the reopen will tell
            }
        }
    }

    private boolean reopen() {
        try {
            store = TimeSeriesStore.open(dir, clock, storeOptions);
            log.accept("event=store_up note=\"store reopened after " + reason + "\"");
            error = "";
            reason = "";
            downSince = null;
            return true;
        } catch (StoreException e) {
            errors.computeIfAbsent("reopen", k -> new AtomicLong()).incrementAndGet();
            error = "reopening: " + firstLine(String.valueOf(e.getMessage()));
            return false;
        }
    }

    /** A word for nplus_store_errors_total{reason}. */
    static String reasonOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left") || m.contains("Disk quota")) {
                return "disk_full";
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Writing to") || m.contains("Reading from") || m.contains("IOException")) {
            return "io";
        }
        if (e instanceof SQLException s && (s.getErrorCode() == 90098 || s.getErrorCode() == 90121)) {
            return "closed";
        }
        if (m.contains("orrupt")) {
            return "corrupt";
        }
        return "error";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Writes what is queued (for up to {@code drainFor}), closes the store and releases the data directory.
     * Polls still queued after that are counted as dropped.
     */
    public void close(Duration drainFor) throws IOException {
        long until = System.nanoTime() + drainFor.toNanos();
        synchronized (lock) {
            while (!queue.isEmpty() && store != null && System.nanoTime() < until) {
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stopping = true;
            lock.notifyAll();
        }
        try {
            thread.join(Math.max(1000, drainFor.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            dropped.addAndGet(pending);
            queue.clear();
            pending = 0;
        }
        TimeSeriesStore s = store;
        store = null;
        try {
            if (s != null) {
                s.close();
            }
        } finally {
            dir.close();
        }
    }

    @Override
    public void close() throws IOException {
        close(Duration.ofSeconds(10));
    }
}
