/**
 * The compressed block format of the time-series store: one device's 2-hour window of samples, with timestamps
 * stored once and each series as a column that can be decoded on its own.
 */
package io.nplus.core.store.codec;
