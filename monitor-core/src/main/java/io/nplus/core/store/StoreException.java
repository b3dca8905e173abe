package io.nplus.core.store;

/**
 * The store cannot be used. The subclasses are the cases a user must act on; the message says what to do.
 */
public class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Another process (or this one) already has the data directory open. */
    public static final class InUse extends StoreException {
        public InUse(String message) {
            super(message, null);
        }
    }

    /** The database file is damaged: nplus refuses to start on it rather than start empty in silence. */
    public static final class Corrupt extends StoreException {
        public Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
