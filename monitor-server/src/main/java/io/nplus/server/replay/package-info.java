/** Replays: a scenario played by the lab, polled over SNMP, judged by the alert rules, with the notifications captured and checked against the scenario's expectations. */
package io.nplus.server.replay;
