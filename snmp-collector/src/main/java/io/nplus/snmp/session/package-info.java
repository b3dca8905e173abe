/** SNMP sessions: one shared SNMP4J engine, credentials for v1, v2c and v3 (USM), and targets built from them. */
package io.nplus.snmp.session;
