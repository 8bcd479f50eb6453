package org.aptrust.registry.web.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Speaks to the running application over HTTP as a given API user, with the JDK's client: it sends paths exactly as
 * written (an encoded %2F stays encoded), so the tests see what a real client sees.
 */
public final class ApiClient {

    /** Every fixture user's API key (fixtures/README.md). */
    public static final String FIXTURE_KEY = "password";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String user;
    private final String key;

    private ApiClient(String base, String user, String key) {
        this.base = base;
        this.user = user;
        this.key = key;
    }

    public static ApiClient as(int port, String user) {
        return new ApiClient("http://127.0.0.1:" + port, user, FIXTURE_KEY);
    }

    public static ApiClient as(int port, String user, String key) {
        return new ApiClient("http://127.0.0.1:" + port, user, key);
    }

    /** A response: status, raw body, and the body as JSON. */
    public record Reply(int status, String body, Map<String, List<String>> headers) {
        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<>() { });
            } catch (IOException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }

        public List<Object> jsonArray() {
            try {
                return JSON.readValue(body, new TypeReference<>() { });
            } catch (IOException e) {
                throw new AssertionError("not a JSON array (" + status + "): " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> results() {
            return (List<Map<String, Object>>) json().get("results");
        }

        public long count() {
            return ((Number) json().get("count")).longValue();
        }

        public String error() {
            return String.valueOf(json().get("Error"));
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    public Reply send(String method, String path, Object body, String contentType) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
            if (user != null) {
                b.header("X-Pharos-API-User", user);
            }
            if (key != null) {
                b.header("X-Pharos-API-Key", key);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
