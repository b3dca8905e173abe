package io.nplus.core.model;

/**
 * A table (or scalar group) that could not be read completely. The rest of the device still reports.
 *
 * @param what the MIB object names involved ("ifHCInOctets", "hrStorageDescr, hrStorageSize")
 * @param oid the first OID concerned
 * @param reason a short machine word: timeout, non_increasing_oid, row_limit, deadline, too_big, error_status,
 *               auth_failed, send_failed
 * @param detail a sentence for people
 * @param rows how many rows were read before it ended
 */
public record WalkProblem(String what, String oid, String reason, String detail, int rows) {
}
