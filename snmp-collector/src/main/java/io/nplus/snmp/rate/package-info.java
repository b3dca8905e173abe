/**
 * Rates from SNMP counters, honest about what cannot be known: a Counter32 wrap is corrected only when one wrap
 * is all that can have happened, and a reboot or counter discontinuity drops the sample instead of a spike.
 */
package io.nplus.snmp.rate;
