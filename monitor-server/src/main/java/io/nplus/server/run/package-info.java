/** The always-on collector: wiring config, SNMP engine, fleet state, metrics and HTTP; the built-in lab. */
package io.nplus.server.run;
