package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests that Jetty refuses before the application sees them (a NUL in the path, a URI over its limit, headers
 * over theirs) answer JSON on the API, in the API's error shape, like every other API error; pages keep HTML. A
 * request Jetty cannot parse at all has no path: it gets JSON.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JettyErrorsAreJsonTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    /** A raw HTTP/1.1 exchange, so that nothing between the test and Jetty cleans the request up. */
    private static Reply send(String requestLine, String extraHeaders) throws Exception {
        return send(requestLine, "*/*", extraHeaders);
    }

    private static Reply send(String requestLine, String accept, String extraHeaders) throws Exception {
        try (Socket s = new Socket("127.0.0.1", APP.getLocalPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\nAccept: " + accept + "\r\n" + extraHeaders
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            return new Reply(status, text.substring(0, split), text.substring(split + 4));
        }
    }

    record Reply(int status, String head, String body) {
        JsonNode json() throws Exception {
            assertThat(head.toLowerCase()).as(head + "\n\n" + body).contains("content-type: application/json");
            return new ObjectMapper().readTree(body);
        }
    }

    @Test
    void aNulInTheApiPathIsA400InJson() throws Exception {
        Reply r = send("GET /member-api/v3/objects/show/abc%00def HTTP/1.1", "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("StatusCode").asInt()).isEqualTo(400);
        assertThat(r.json().get("Error").asText()).isNotBlank();
    }

    @Test
    void aUriOverTheLimitIsA414InJson() throws Exception {
        Reply r = send("GET /member-api/v3/objects?identifier=" + "x".repeat(9000) + " HTTP/1.1", "");
        assertThat(r.status()).isEqualTo(414);
        assertThat(r.json().get("StatusCode").asInt()).isEqualTo(414);
    }

    @Test
    void headersOverTheLimitAreA431InJson() throws Exception {
        Reply r = send("GET /admin-api/v3/objects HTTP/1.1", "X-Big: " + "y".repeat(20_000) + "\r\n");
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.json().get("StatusCode").asInt()).isEqualTo(431);
    }

    @Test
    void pagesKeepJettysHtml() throws Exception {
        Reply r = send("GET /objects HTTP/1.1", "text/html,application/xhtml+xml,*/*;q=0.8",
                "X-Big: " + "y".repeat(20_000) + "\r\n");
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.head().toLowerCase()).doesNotContain("application/json");
    }
}
