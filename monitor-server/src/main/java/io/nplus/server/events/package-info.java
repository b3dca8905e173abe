/** Trap events: what each accepted notification became, kept in a bounded ring for /api/v1/events. */
package io.nplus.server.events;
