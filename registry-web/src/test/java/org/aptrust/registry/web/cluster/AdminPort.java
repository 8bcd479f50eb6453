package org.aptrust.registry.web.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What an instance's admin port says: its metrics' counters and its health checks, as JSON. */
final class AdminPort {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String READS = "org.aptrust.registry.web.cluster.ReplicaRouting.reads.";

    private final int port;

    AdminPort(int port) {
        this.port = port;
    }

    /** A counter's count (0 when it does not exist). */
    long counter(String name) {
        Map<String, Object> metrics = get("/metrics");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> counters = (Map<String, Map<String, Object>>) metrics.get("counters");
        Map<String, Object> c = counters.get(name);
        return c == null ? 0 : ((Number) c.get("count")).longValue();
    }

    /** Reads a replica served (by replica name, e.g. replica-1; "primary" for reads that fell back). */
    long reads(String target) {
        return counter(READS + target);
    }

    /** One health check's result: healthy, message and details. */
    @SuppressWarnings("unchecked")
    Map<String, Object> health(String check) {
        return (Map<String, Object>) get("/healthcheck").get(check);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> replica(String name) {
        return (Map<String, Object>) health("replicas").get(name);
    }

    private Map<String, Object> get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readValue(r.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new AssertionError(path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
