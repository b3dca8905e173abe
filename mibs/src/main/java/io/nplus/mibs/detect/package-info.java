/** Which profiles apply to a device: by sysObjectID, sysDescr and the presence of their tables. */
package io.nplus.mibs.detect;
