package io.nplus.snmp.walk;

import io.nplus.snmp.session.Credentials;
import io.nplus.snmp.session.SnmpClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * GETs a set of instances (scalars as {@code sysDescr.0}), in chunks. Exception values (noSuchObject,
 * noSuchInstance) are absent, never zero or "". On SNMPv1 a missing instance fails the whole request with
 * noSuchName and an error index: that varbind is dropped and the rest asked again (otherwise one unsupported
 * object would hide all the others).
 */
final class ScalarGet extends Exchange<GetResult> {
    private static final int CHUNK = 20;

    private final Credentials credentials;
    private final Deque<List<OID>> pending = new ArrayDeque<>();
    private final Map<OID, Variable> values = new TreeMap<>();
    private List<OID> current = List.of();
    private boolean answered;

    ScalarGet(SnmpClient client, Target<UdpAddress> target, Credentials credentials, List<OID> oids, Deadline deadline) {
        super(client, target, deadline);
        this.credentials = credentials;
        for (int i = 0; i < oids.size(); i += CHUNK) {
            pending.add(new ArrayList<>(oids.subList(i, Math.min(oids.size(), i + CHUNK))));
        }
    }

    void start() {
        next();
    }

    private void next() {
        if (pending.isEmpty()) {
            finish(WalkEnd.COMPLETE, "");
            return;
        }
        current = pending.poll();
        PDU pdu = client.newPdu(credentials);
        pdu.setType(PDU.GET);
        for (OID oid : current) {
            pdu.add(new VariableBinding(oid));
        }
        send(pdu);
    }

    @Override
    void onPdu(PDU request, PDU response) {
        answered = true;
        int status = response.getErrorStatus();
        if (status == SnmpConstants.SNMP_ERROR_SUCCESS) {
            for (VariableBinding vb : response.getVariableBindings()) {
                if (!vb.getVariable().isException()) {
                    values.put(vb.getOid(), vb.getVariable());
                }
            }
        } else if (isTooBig(response) && current.size() > 1) {
            int half = current.size() / 2;
            pending.addFirst(new ArrayList<>(current.subList(half, current.size())));
            pending.addFirst(new ArrayList<>(current.subList(0, half)));
        } else if (response.getErrorIndex() >= 1 && response.getErrorIndex() <= current.size() && current.size() > 1) {
            List<OID> rest = new ArrayList<>(current);
            rest.remove(response.getErrorIndex() - 1); // v1 noSuchName (or badValue): drop that one, ask the rest
            pending.addFirst(rest);
        } else if (status != SnmpConstants.SNMP_ERROR_NO_SUCH_NAME) {
            finish(WalkEnd.ERROR_STATUS, "the agent answered " + errorText(response));
            return;
        }
        next();
    }

    @Override
    void onTimeout() {
        finish(WalkEnd.TIMEOUT, Exchange.noAnswer(target));
    }

    @Override
    void onDeadline() {
        finish(WalkEnd.DEADLINE, "the device's poll deadline passed");
    }

    @Override
    void onAuthFailed(String why) {
        finish(WalkEnd.AUTH_FAILED, why);
    }

    @Override
    void onSendFailed(String why) {
        finish(WalkEnd.SEND_FAILED, why);
    }

    private void finish(WalkEnd end, String detail) {
        future.complete(new GetResult(values, end, detail, answered, requests, varbinds));
    }
}
