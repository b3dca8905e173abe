/**
 * The polling engine: every target on its own interval with jitter, a bounded number of polls in flight,
 * backoff for unreachable targets, learned max-repetitions, rates per poll; driven by a clock, so real time
 * and a virtual clock run the same code.
 */
package io.nplus.snmp.engine;
