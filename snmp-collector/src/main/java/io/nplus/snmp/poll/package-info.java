/** Polling one device: system group, detection probes, the walk of what the matched profiles need, interpretation. */
package io.nplus.snmp.poll;
