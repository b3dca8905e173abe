package io.nplus.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that answers like PagerDuty's Events API (202 with a small JSON body) unless told
 * otherwise: a script of answers (429 with or without Retry-After, 500, 400, a hang) is played first.
 */
final class FakeReceiver implements AutoCloseable {
    /** One scripted answer: status, body, Retry-After (or null), how long to hold the request first. */
    record Answer(int status, String body, String retryAfter, long holdMillis) {
        static Answer accept() {
            return new Answer(202, "{\"status\":\"success\",\"message\":\"Event processed\"}", null, 0);
        }
    }

    /** What arrived, in order. */
    record Request(long atNanos, JsonNode body, String signature) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    FakeReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            requests.add(new Request(System.nanoTime(), JSON.readTree(in), ex.getRequestHeaders().getFirst("X-Nplus-Signature-256")));
            Answer a = script.pollFirst();
            if (a == null) {
                a = Answer.accept();
            }
            if (a.holdMillis() > 0) {
                try {
                    Thread.sleep(a.holdMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (a.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", a.retryAfter());
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            try {
                ex.sendResponseHeaders(a.status(), out.length);
                ex.getResponseBody().write(out);
            } catch (IOException e) {
                // the client gave up (a hang it timed out on)
            }
            ex.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue");
    }

    List<Request> snapshot() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
