package org.aptrust.registry.web.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * nsqd's HTTP API in this JVM, the parts the NSQ pages use: {@code GET /stats?format=json} (nsqd 1.x's shape) and
 * {@code POST /topic/{create,pause,unpause,empty,delete}}, {@code POST /channel/{...}} with {@code topic} and
 * {@code channel} in the query. Actions change the state that /stats reports and are recorded as
 * "METHOD path?query". An unknown topic or channel answers 404 as nsqd does. nsqd itself is not installed here.
 */
final class NsqdStandIn implements AutoCloseable {

    /** A channel's counters. */
    static final class Channel {
        long depth;
        long inFlight;
        long messages;
        boolean paused;
    }

    /** A topic's counters and channels. */
    static final class Topic {
        long depth;
        long messages;
        boolean paused;
        final Map<String, Channel> channels = new LinkedHashMap<>();
    }

    private final HttpServer server;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    NsqdStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/stats", this::stats);
        server.createContext("/topic/", this::action);
        server.createContext("/channel/", this::action);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized Topic topic(String name) {
        return topics.computeIfAbsent(name, n -> new Topic());
    }

    synchronized Channel channel(String topic, String name) {
        return topic(topic).channels.computeIfAbsent(name, n -> new Channel());
    }

    synchronized boolean hasTopic(String name) {
        return topics.containsKey(name);
    }

    private synchronized void stats(HttpExchange ex) throws IOException {
        List<Map<String, Object>> ts = new ArrayList<>();
        topics.forEach((name, t) -> {
            List<Map<String, Object>> cs = new ArrayList<>();
            t.channels.forEach((cn, c) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("channel_name", cn);
                m.put("depth", c.depth);
                m.put("backend_depth", 0);
                m.put("in_flight_count", c.inFlight);
                m.put("deferred_count", 0);
                m.put("message_count", c.messages);
                m.put("requeue_count", 0);
                m.put("timeout_count", 0);
                m.put("client_count", 0);
                m.put("clients", List.of());
                m.put("paused", c.paused);
                cs.add(m);
            });
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic_name", name);
            m.put("channels", cs);
            m.put("depth", t.depth);
            m.put("backend_depth", 0);
            m.put("message_count", t.messages);
            m.put("message_bytes", 0);
            m.put("paused", t.paused);
            ts.add(m);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "1.2.1");
        body.put("health", "OK");
        body.put("start_time", 1700000000);
        body.put("topics", ts);
        body.put("producers", List.of());
        boolean json = "format=json".equals(ex.getRequestURI().getQuery());
        answer(ex, json ? 200 : 400, json ? JSON.writeValueAsString(body) : "text stats not served here");
    }

    private synchronized void action(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        calls.add(ex.getRequestMethod() + " " + path + "?" + query);
        if (!ex.getRequestMethod().equals("POST")) {
            answer(ex, 405, "{\"message\":\"METHOD_NOT_ALLOWED\"}");
            return;
        }
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        String[] parts = path.split("/");
        String kind = parts[1];
        String op = parts[2];
        String topicName = q.get("topic");
        if (topicName == null) {
            answer(ex, 400, "{\"message\":\"MISSING_ARG_TOPIC\"}");
            return;
        }
        if (op.equals("create")) {
            if (kind.equals("topic")) {
                topic(topicName);
            } else {
                channel(topicName, q.get("channel"));
            }
            answer(ex, 200, "");
            return;
        }
        Topic t = topics.get(topicName);
        if (t == null) {
            answer(ex, 404, "{\"message\":\"TOPIC_NOT_FOUND\"}");
            return;
        }
        if (kind.equals("topic")) {
            switch (op) {
                case "pause" -> t.paused = true;
                case "unpause" -> t.paused = false;
                case "empty" -> t.depth = 0;
                case "delete" -> topics.remove(topicName);
                default -> {
                    answer(ex, 404, "{\"message\":\"NOT_FOUND\"}");
                    return;
                }
            }
        } else {
            Channel c = t.channels.get(q.get("channel"));
            if (c == null) {
                answer(ex, 404, "{\"message\":\"CHANNEL_NOT_FOUND\"}");
                return;
            }
            switch (op) {
                case "pause" -> c.paused = true;
                case "unpause" -> c.paused = false;
                case "empty" -> c.depth = 0;
                case "delete" -> t.channels.remove(q.get("channel"));
                default -> {
                    answer(ex, 404, "{\"message\":\"NOT_FOUND\"}");
                    return;
                }
            }
        }
        answer(ex, 200, "");
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
