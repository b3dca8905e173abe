package io.nplus.core.store.codec;

/**
 * The bytes given to {@link BlockCodec#decode} (or a column body read later through {@link Block}) are not a block
 * this codec wrote: truncated, overwritten, or of an unknown format version. It is an
 * {@link IllegalArgumentException} because the caller passed bad input; the store should treat the block as lost
 * rather than retry.
 */
public final class CorruptBlockException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CorruptBlockException(String message) {
        super(message);
    }
}
