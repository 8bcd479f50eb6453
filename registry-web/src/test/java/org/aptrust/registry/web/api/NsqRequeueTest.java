package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code api.nsqUrl} set, a requeue is published to nsqd's HTTP API ({@code POST /pub?topic=...}, the item id
 * as the body) and the item's queued_at is set; when nsqd refuses, the request is recorded in the item instead.
 * nsqd is not installed here, so a small HTTP server speaks its /pub endpoint and records what it received.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NsqRequeueTest {

    private static final List<String> PUBLISHED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger NEXT_STATUS = new AtomicInteger(200);
    private static final HttpServer NSQD = startNsqd();

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB,
            ConfigOverride.config("api.nsqUrl", "http://127.0.0.1:" + NSQD.getAddress().getPort()));

    private static HttpServer startNsqd() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/pub", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = NEXT_STATUS.get();
                if (status == 200) {
                    PUBLISHED.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
                }
                byte[] answer = (status == 200 ? "OK" : "E_BAD_TOPIC").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        NSQD.stop(0);
        DB.drop();
    }

    @Test
    void publishesToTheTopicOfTheItemsActionAndStage() {
        ApiClient admin = ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
        ApiClient.Reply r = admin.send("PUT", "/admin-api/v3/items/requeue/33", "stage=Record",
                "application/x-www-form-urlencoded");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(PUBLISHED).containsExactly("POST /pub?topic=ingest08_record 33");
        assertThat(r.json().get("queued_at")).isNotNull();
        assertThat(r.json()).containsEntry("note", "Requeued for Record.").containsEntry("status", "Pending");

        NEXT_STATUS.set(500);
        ApiClient.Reply refused = admin.put("/admin-api/v3/items/requeue/15", java.util.Map.of("stage", "Requested"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().get("queued_at")).isNull();
        assertThat((String) refused.json().get("note")).contains("Waiting for queue topic restore_object");
    }
}
