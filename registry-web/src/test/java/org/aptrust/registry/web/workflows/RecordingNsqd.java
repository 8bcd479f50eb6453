package org.aptrust.registry.web.workflows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * nsqd's HTTP publish endpoint ({@code POST /pub?topic=...}, the message as the body) in this JVM, recording every
 * message it accepts as "topic body". nsqd itself is not installed here; this speaks the part the Registry uses.
 */
public final class RecordingNsqd implements AutoCloseable {

    private final HttpServer server;
    private final List<String> published = new CopyOnWriteArrayList<>();

    public RecordingNsqd() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/pub", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getQuery();
            boolean ok = "POST".equals(exchange.getRequestMethod()) && query != null && query.startsWith("topic=");
            if (ok) {
                published.add(query.substring("topic=".length()) + " " + body);
            }
            byte[] answer = (ok ? "OK" : "E_BAD_TOPIC").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every accepted message so far, as "topic body", in arrival order. */
    public List<String> published() {
        return List.copyOf(published);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
