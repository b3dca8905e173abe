/**
 * Defensive SNMP reads on SNMP4J's asynchronous API: GETs of scalars, presence probes, and column walks that
 * end every column with a typed reason (complete, timeout, non-increasing OID, row limit, deadline, tooBig ...)
 * instead of hanging or looping.
 */
package io.nplus.snmp.walk;
