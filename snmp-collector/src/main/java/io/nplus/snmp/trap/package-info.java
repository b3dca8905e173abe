/** The trap and inform receiver: SNMP notifications from the targets, checked, rate-limited and queued off the network thread. */
package io.nplus.snmp.trap;
