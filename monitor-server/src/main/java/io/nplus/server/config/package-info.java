/** The run configuration: its YAML schema, the strict loader that reports file:line errors, and reloading. */
package io.nplus.server.config;
