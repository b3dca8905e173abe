/**
 * The small expression language of profiles: {@code hrStorageUsed / hrStorageSize}, {@code ifOperStatus == 'up'},
 * {@code entPhysicalName[entPhysicalContainedIn] ?? 'Sensor ' + index}; compiled once, evaluated per table row.
 */
package io.nplus.mibs.expr;
