package io.nplus.server.http;

import io.netty.handler.codec.http.FullHttpRequest;

/** One endpoint: answers a request (on a worker thread, not the event loop). */
@FunctionalInterface
public interface Route {
    Response handle(FullHttpRequest request, String path, java.util.Map<String, java.util.List<String>> query);

    /** What to send back. */
    record Response(int status, String contentType, byte[] body) {
        public static Response text(int status, String text) {
            return new Response(status, "text/plain; charset=utf-8",
                (text.endsWith("\n") ? text : text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Response json(int status, byte[] body) {
            return new Response(status, "application/json", body);
        }
    }
}
