package io.nplus.snmp.walk;

import io.nplus.snmp.session.SnmpClient;
import io.nplus.snmp.session.UsmReports;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.UdpAddress;

/**
 * One conversation with an agent: a request, its answer (or timeout), the next request. Subclasses decide what
 * to ask and what an answer means; this class handles what every request shares: the deadline, freeing
 * SNMP4J's state, SNMPv3 reports, and making sure the future always completes, whatever the agent does.
 */
abstract class Exchange<T> implements ResponseListener {
    final SnmpClient client;
    final Target<UdpAddress> target;
    final Deadline deadline;
    final CompletableFuture<T> future = new CompletableFuture<>();
    int requests;
    int varbinds;

    Exchange(SnmpClient client, Target<UdpAddress> target, Deadline deadline) {
        this.client = client;
        this.target = target;
        this.deadline = deadline;
    }

    /** Sends {@code pdu}, within what is left of the deadline; false (and {@link #onDeadline()}) when none is. */
    final boolean send(PDU pdu) {
        long remaining = deadline.remainingMillis();
        long perTry = target.getTimeout();
        if (remaining < Math.min(perTry, 50)) {
            onDeadline();
            return false;
        }
        Target<UdpAddress> t = target;
        long total = perTry * (target.getRetries() + 1L);
        if (total > remaining) {
            t = target.duplicate();
            t.setTimeout(Math.min(perTry, remaining));
            t.setRetries((int) Math.max(0, remaining / perTry - 1));
        }
        requests++;
        try {
            client.send(pdu, t, null, this);
            return true;
        } catch (IOException | RuntimeException e) {
            onSendFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return false;
        }
    }

    @Override
    public final <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
        client.cancel(event.getRequest(), this);
        try {
            PDU response = event.getResponse();
            if (response == null) {
                if (event.getError() != null) {
                    onSendFailed(String.valueOf(event.getError().getMessage()));
                } else {
                    timedOut();
                }
                return;
            }
            varbinds += response.size();
            if (response.getType() == PDU.REPORT) {
                onAuthFailed(reportText(response));
                return;
            }
            onPdu(event.getRequest(), response);
        } catch (RuntimeException e) {
            // A defect of ours must not leave a poll hanging: fail it with the cause.
            future.completeExceptionally(e);
        }
    }

    static String reportText(PDU report) {
        return UsmReports.explain(report);
    }

    /**
     * A timeout, unless the agent sent an unauthenticated report meanwhile (RFC 3412 §7.2.11 has SNMP4J drop
     * those, rightly: they can be spoofed); then it is most likely wrong credentials, and the user is told so.
     */
    final void timedOut() {
        String hint = client.takeUnauthenticatedReport(target.getAddress());
        if (hint != null) {
            onAuthFailed(hint + " (the agent's unauthenticated report; it sent no other answer)");
        } else {
            onTimeout();
        }
    }

    /** "no answer within 5s (2 tries)" */
    static String noAnswer(Target<UdpAddress> target) {
        long ms = target.getTimeout();
        String each = ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        int tries = target.getRetries() + 1;
        return "no answer within " + each + (tries > 1 ? " (" + tries + " tries)" : "");
    }

    static String errorText(PDU response) {
        return response.getErrorStatusText() + " (error-status " + response.getErrorStatus() + ", index "
            + response.getErrorIndex() + ")";
    }

    static boolean isTooBig(PDU response) {
        return response.getErrorStatus() == SnmpConstants.SNMP_ERROR_TOO_BIG;
    }

    abstract void onPdu(PDU request, PDU response);

    abstract void onTimeout();

    abstract void onDeadline();

    abstract void onAuthFailed(String why);

    abstract void onSendFailed(String why);
}
