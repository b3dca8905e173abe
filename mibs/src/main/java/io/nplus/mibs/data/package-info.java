/** MIB data at rest: an ordered set of OID/value pairs, and the .snmprec recording format. */
package io.nplus.mibs.data;
