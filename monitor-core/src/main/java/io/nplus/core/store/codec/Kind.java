package io.nplus.core.store.codec;

/** How a series' 64-bit values are to be read. */
public enum Kind {
    /** {@link Double#doubleToRawLongBits} of the value: NaN payloads, -0.0 and infinities round-trip exactly. */
    GAUGE,
    /** An SNMP counter as an unsigned 64-bit integer (Counter64 up to 2^64 - 1, Counter32 below 2^32). */
    COUNTER
}
