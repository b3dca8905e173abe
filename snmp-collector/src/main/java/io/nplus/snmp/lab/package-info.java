/**
 * The lab: a real SNMP agent on SNMP4J that serves recorded walks (snmpsim's .snmprec), so nplus can be tried,
 * tested and benchmarked without hardware. Community (v1/v2c) or context name (v3) = the walk's name.
 */
package io.nplus.snmp.lab;
