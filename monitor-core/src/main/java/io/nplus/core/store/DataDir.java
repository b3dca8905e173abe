package io.nplus.core.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory, held by one nplus at a time: an OS lock on {@code nplus.lock} (which names the holder's
 * pid), taken before the database is opened and kept while the process runs, across reopens of the store.
 */
public final class DataDir implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDir(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it, or says who holds it. */
    public static DataDir lock(Path dir) throws StoreException {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + abs + ": " + e.getMessage()
                + " (give a writable --data-dir)", e);
        }
        Path lockFile = abs.resolve("nplus.lock");
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + lockFile + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(ch);
            closeQuietly(ch);
            throw new StoreException.InUse("the data directory " + abs + " is in use by another nplus" + holder
                + "; stop it first, or give this one its own --data-dir");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
        } catch (IOException e) {
            // The lock is what matters; the pid is only for the message of the next one.
        }
        return new DataDir(abs, ch, lock);
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to add to the error already reported
        }
    }

    public Path path() {
        return path;
    }

    /** Where the H2 database lives (H2 adds .mv.db). */
    public Path databaseBase() {
        return path.resolve("nplus");
    }

    public Path databaseFile() {
        return path.resolve("nplus.mv.db");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
