/** Applying a profile to walked data: table rows become components with readings, thresholds and health. */
package io.nplus.mibs.interpret;
