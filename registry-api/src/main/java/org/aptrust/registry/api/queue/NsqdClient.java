package org.aptrust.registry.api.queue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * nsqd's HTTP API, the parts the Registry uses: publishing a message ({@code POST /pub}), reading the topics and
 * channels ({@code GET /stats?format=json}) and the operators' actions on them ({@code POST /topic/pause},
 * {@code /channel/empty}, ...). Every call answers or throws {@link NsqdException} with what nsqd said.
 */
public final class NsqdClient {

    /** What can be done to a topic or a channel, as nsqd names it in its paths. */
    public enum Operation {
        PAUSE("pause"), UNPAUSE("unpause"), EMPTY("empty"), DELETE("delete"), CREATE("create");

        private final String path;

        Operation(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** The operation a form names ({@code pause}, {@code unpause}, {@code empty}, {@code delete}), if any. */
        public static java.util.Optional<Operation> named(String name) {
            for (Operation o : values()) {
                if (o != CREATE && o.path.equals(name)) {
                    return java.util.Optional.of(o);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** A channel of a topic, with nsqd's counters. */
    public record Channel(String name, long depth, long inFlight, long deferred, long messageCount,
                          long requeueCount, long timeoutCount, int clients, boolean paused) {
    }

    /** A topic, with nsqd's counters and its channels. */
    public record Topic(String name, long depth, long messageCount, boolean paused, List<Channel> channels) {
    }

    /** nsqd's answer to /stats. */
    public record Stats(String version, String health, List<Topic> topics) {
        public java.util.Optional<Topic> topic(String name) {
            return topics.stream().filter(t -> t.name().equals(name)).findFirst();
        }
    }

    /** nsqd could not be reached or refused a call. */
    public static final class NsqdException extends RuntimeException {
        public NsqdException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI nsqd;
    private final HttpClient http;

    public NsqdClient(String nsqUrl) {
        this.nsqd = URI.create(nsqUrl.endsWith("/") ? nsqUrl : nsqUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** nsqd's address, as configured. */
    public String address() {
        return nsqd.toString();
    }

    /** Publishes one message to a topic (nsqd creates the topic if it is new). */
    public void publish(String topic, String message) {
        call(HttpRequest.newBuilder(target("pub", topic, null))
                .POST(HttpRequest.BodyPublishers.ofString(message)));
    }

    /** The topics and channels with their counters. */
    public Stats stats() {
        String body = call(HttpRequest.newBuilder(nsqd.resolve("stats?format=json")).GET());
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new NsqdException("nsqd's /stats is not JSON: " + e.getMessage());
        }
        // nsqd before 1.0 wrapped its answer in {"status_code", "status_txt", "data"}
        JsonNode data = root.has("data") && root.get("data").isObject() ? root.get("data") : root;
        List<Topic> topics = new ArrayList<>();
        for (JsonNode t : data.path("topics")) {
            List<Channel> channels = new ArrayList<>();
            for (JsonNode c : t.path("channels")) {
                channels.add(new Channel(c.path("channel_name").asText(), c.path("depth").asLong(),
                        c.path("in_flight_count").asLong(), c.path("deferred_count").asLong(),
                        c.path("message_count").asLong(), c.path("requeue_count").asLong(),
                        c.path("timeout_count").asLong(), c.path("clients").size(),
                        c.path("paused").asBoolean()));
            }
            topics.add(new Topic(t.path("topic_name").asText(), t.path("depth").asLong(),
                    t.path("message_count").asLong(), t.path("paused").asBoolean(), List.copyOf(channels)));
        }
        return new Stats(data.path("version").asText(""), data.path("health").asText(""), List.copyOf(topics));
    }

    /** Pauses, unpauses, empties, deletes or creates a topic. */
    public void topic(Operation operation, String topic) {
        call(HttpRequest.newBuilder(target("topic/" + operation.path(), topic, null))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Pauses, unpauses, empties, deletes or creates a channel of a topic. */
    public void channel(Operation operation, String topic, String channel) {
        call(HttpRequest.newBuilder(target("channel/" + operation.path(), topic, channel))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI target(String path, String topic, String channel) {
        StringBuilder q = new StringBuilder(path).append("?topic=").append(enc(topic));
        if (channel != null) {
            q.append("&channel=").append(enc(channel));
        }
        return nsqd.resolve(q.toString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String call(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new NsqdException("nsqd answered " + response.statusCode() + " to " + r.method() + " "
                        + r.uri().getRawPath() + ": " + response.body().strip());
            }
            return response.body();
        } catch (IOException e) {
            throw new NsqdException("nsqd at " + nsqd + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NsqdException("interrupted while calling nsqd");
        }
    }
}
