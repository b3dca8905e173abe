package io.nplus.snmp.walk;

import io.nplus.mibs.data.MibSnapshot;
import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import java.util.ArrayList;
import java.util.List;
import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * Walks table columns, several per request: GETBULK on v2c/v3, GETNEXT on v1. Each column keeps its own
 * position, so sparse columns and truncated answers are fine; each ends with a {@link WalkEnd}.
 *
 * <p>Defences: an OID at or before the column's last one ends it ({@link WalkEnd#NON_INCREASING}, before any
 * loop can start); a row cap; the device deadline before every request; tooBig halves max-repetitions, then
 * splits the columns; a timeout halves max-repetitions once more (agents that silently drop big answers), then
 * ends the batch, and two batches in a row without answer end the walk.
 */
final class ColumnWalk extends Exchange<WalkResult> {
    private static final class Column {
        final OID prefix;
        final List<VariableBinding> rows = new ArrayList<>();
        OID last;
        WalkEnd end;
        String detail = "";

        Column(OID prefix) {
            this.prefix = prefix;
            this.last = prefix;
        }
    }

    private final Credentials credentials;
    private final WalkLimits limits;
    private final List<Column> columns = new ArrayList<>();
    private int repetitions;
    private int columnsPerRequest;
    private int consecutiveTimeouts;
    private boolean shrunkForTimeout;
    private List<Column> batch = List.of();

    ColumnWalk(SnmpClient client, Target<UdpAddress> target, Credentials credentials, List<OID> prefixes,
               WalkLimits limits, Deadline deadline) {
        super(client, target, deadline);
        this.credentials = credentials;
        this.limits = limits;
        this.repetitions = limits.maxRepetitions();
        this.columnsPerRequest = limits.maxColumnsPerRequest();
        for (OID p : prefixes) {
            columns.add(new Column(p));
        }
    }

    void start() {
        next();
    }

    private void next() {
        batch = new ArrayList<>();
        for (Column c : columns) {
            if (c.end == null && batch.size() < columnsPerRequest) {
                batch.add(c);
            }
        }
        if (batch.isEmpty()) {
            finish();
            return;
        }
        PDU pdu = client.newPdu(credentials);
        boolean v1 = credentials.version() == Credentials.Version.V1;
        pdu.setType(v1 ? PDU.GETNEXT : PDU.GETBULK);
        if (!v1) {
            pdu.setNonRepeaters(0);
            pdu.setMaxRepetitions(Math.max(1, (repetitions + batch.size() - 1) / batch.size()));
        }
        for (Column c : batch) {
            pdu.add(new VariableBinding(c.last));
        }
        send(pdu);
    }

    @Override
    void onPdu(PDU request, PDU response) {
        int status = response.getErrorStatus();
        if (status != SnmpConstants.SNMP_ERROR_SUCCESS) {
            onError(response);
            return;
        }
        consecutiveTimeouts = 0;
        List<? extends VariableBinding> vbs = response.getVariableBindings();
        int k = batch.size();
        boolean progress = false;
        for (int i = 0; i < vbs.size(); i++) {
            Column c = batch.get(i % k);
            if (c.end != null) {
                continue;
            }
            VariableBinding vb = vbs.get(i);
            OID oid = vb.getOid();
            if (vb.getVariable().isException()) {
                end(c, WalkEnd.COMPLETE, "");
            } else if (oid.compareTo(c.last) <= 0) {
                end(c, WalkEnd.NON_INCREASING, "the agent answered " + oid + " after " + c.last
                    + "; OIDs must increase, so the walk of this column stopped here");
            } else if (!oid.startsWith(c.prefix)) {
                end(c, WalkEnd.COMPLETE, "");
            } else {
                c.rows.add(vb);
                c.last = oid;
                if (c.rows.size() >= limits.maxRowsPerColumn()) {
                    end(c, WalkEnd.ROW_LIMIT, "stopped after " + c.rows.size() + " rows (max_rows)");
                }
            }
            progress = true;
        }
        if (!progress) {
            for (Column c : batch) {
                if (c.end == null) {
                    end(c, WalkEnd.NO_PROGRESS, "the agent answered without any variable binding");
                }
            }
        }
        next();
    }

    private void onError(PDU response) {
        int status = response.getErrorStatus();
        if (Exchange.isTooBig(response)) {
            if (repetitions > 1) {
                repetitions = Math.max(1, repetitions / 2);
            } else if (columnsPerRequest > 1) {
                columnsPerRequest = 1;
            } else {
                endBatch(WalkEnd.TOO_BIG, "the agent answers tooBig even for one row of one column");
            }
            next();
            return;
        }
        int index = response.getErrorIndex();
        boolean v1 = credentials.version() == Credentials.Version.V1;
        if (index >= 1 && index <= batch.size()) {
            Column c = batch.get(index - 1);
            if (v1 && status == SnmpConstants.SNMP_ERROR_NO_SUCH_NAME) {
                end(c, WalkEnd.COMPLETE, ""); // SNMPv1's end of the MIB view
            } else {
                end(c, WalkEnd.ERROR_STATUS, "the agent answered " + errorText(response));
            }
        } else {
            endBatch(WalkEnd.ERROR_STATUS, "the agent answered " + errorText(response));
        }
        next();
    }

    @Override
    void onTimeout() {
        if (repetitions > 1 && !shrunkForTimeout) {
            // Some agents drop answers that would be too big instead of saying tooBig: try once with less.
            repetitions = Math.max(1, repetitions / 2);
            shrunkForTimeout = true;
            next();
            return;
        }
        consecutiveTimeouts++;
        if (consecutiveTimeouts >= 2) {
            for (Column c : columns) {
                if (c.end == null) {
                    end(c, WalkEnd.TIMEOUT, "the device stopped answering (" + Exchange.noAnswer(target) + ", twice)");
                }
            }
            finish();
            return;
        }
        endBatch(WalkEnd.TIMEOUT, Exchange.noAnswer(target));
        next();
    }

    @Override
    void onDeadline() {
        for (Column c : columns) {
            if (c.end == null) {
                end(c, WalkEnd.DEADLINE, "the device's poll deadline passed");
            }
        }
        finish();
    }

    @Override
    void onAuthFailed(String why) {
        for (Column c : columns) {
            if (c.end == null) {
                end(c, WalkEnd.AUTH_FAILED, why);
            }
        }
        finish();
    }

    @Override
    void onSendFailed(String why) {
        for (Column c : columns) {
            if (c.end == null) {
                end(c, WalkEnd.SEND_FAILED, why);
            }
        }
        finish();
    }

    private void endBatch(WalkEnd end, String detail) {
        for (Column c : batch) {
            if (c.end == null) {
                end(c, end, detail);
            }
        }
    }

    private static void end(Column c, WalkEnd end, String detail) {
        c.end = end;
        c.detail = detail;
    }

    private void finish() {
        List<ColumnOutcome> outcomes = new ArrayList<>();
        int total = 0;
        for (Column c : columns) {
            outcomes.add(new ColumnOutcome(c.prefix, c.end, c.rows.size(), c.detail));
            total += c.rows.size();
        }
        // Columns in OID order, each in increasing order: usually the snapshot without a sort.
        MibSnapshot.Builder data = new MibSnapshot.Builder(total);
        for (Column c : columns) {
            data.addAscending(c.rows); // onPdu let only increasing OIDs in
        }
        future.complete(new WalkResult(data.build(), outcomes, requests, varbinds, repetitions));
    }
}
