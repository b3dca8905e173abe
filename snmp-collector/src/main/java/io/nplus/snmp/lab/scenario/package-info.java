/** Scenarios: devices served from recorded walks plus a timeline of events (YAML), and the player that makes each device's data a function of time. */
package io.nplus.snmp.lab.scenario;
