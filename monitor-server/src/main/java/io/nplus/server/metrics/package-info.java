/**
 * Prometheus exposition: each device's data points are built once per poll from its snapshot and merged per
 * family at scrape time; nplus's own collector metrics live in a registry beside them.
 */
package io.nplus.server.metrics;
