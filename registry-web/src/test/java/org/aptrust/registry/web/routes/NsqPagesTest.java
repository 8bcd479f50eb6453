package org.aptrust.registry.web.routes;

import static org.aptrust.registry.web.pages.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.api.queue.QueueTopics;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.aptrust.registry.web.pages.WebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The NSQ pages against an nsqd stand-in in this JVM: topics and channels with their counters from /stats, and
 * pause, unpause, empty through nsqd's HTTP API only after a confirmation page and with the CSRF token; APTrust
 * admins only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NsqPagesTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final NsqdStandIn NSQD = new NsqdStandIn();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB,
            ConfigOverride.config("api.nsqUrl", NSQD.url()));

    @AfterAll
    static void drop() {
        NSQD.close();
        DB.drop();
    }

    @BeforeEach
    void someQueues() {
        NsqdStandIn.Topic t = NSQD.topic("restore_object");
        t.depth = 7;
        t.messages = 120;
        NsqdStandIn.Channel c = NSQD.channel("restore_object", "restore_object_worker_chan");
        c.depth = 5;
        c.inFlight = 2;
        c.messages = 118;
        c.paused = false;
        NSQD.channel("delete_item", "delete_item_worker_chan");
    }

    private static PageClient admin() {
        return new PageClient(APP.getLocalPort()).signIn("system@aptrust.org");
    }

    @Test
    void theTopicsAndChannelsWithTheirCounters() {
        PageClient.Page p = admin().get("/nsq");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.text("main")).contains(NSQD.url()).contains("1.2.1");
        assertThat(p.doc().select("#topics tr[data-topic=restore_object] td").eachText())
                .startsWith("restore_object", "7", "120", "no");
        assertThat(p.doc().select("#channels tr[data-channel=restore_object/restore_object_worker_chan] td")
                .eachText()).startsWith("restore_object", "restore_object_worker_chan", "5", "2", "0", "118");
        assertThat(p.doc().select("#channels tr[data-channel=delete_item/delete_item_worker_chan]")).hasSize(1);
    }

    @Test
    void onlyAptrustAdminsOpenIt() {
        int callsBefore = NSQD.calls().size();
        for (String email : new String[] {"admin@inst1.edu", "user@inst1.edu"}) {
            PageClient c = new PageClient(APP.getLocalPort()).signIn(email);
            assertThat(c.get("/nsq").status()).isEqualTo(403);
            c.get("/users/my_account");
            assertThat(c.post("/nsq/admin", form("operation", "pause", "targetType", "topic", "topicName",
                    "restore_object", "confirmed", "true")).status()).isEqualTo(403);
            assertThat(c.post("/nsq/init", form()).status()).isEqualTo(403);
        }
        assertThat(NSQD.calls()).hasSize(callsBefore);
    }

    @Test
    void aChannelIsPausedOnlyAfterConfirmation() {
        PageClient admin = admin();
        admin.get("/nsq");
        PageClient.Page ask = admin.post("/nsq/admin", form("operation", "pause", "targetType", "channel",
                "topicName", "restore_object", "channelName", "restore_object_worker_chan"));
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.text("h1")).isEqualTo("Pause channel restore_object_worker_chan of topic restore_object?");
        assertThat(NSQD.calls()).noneMatch(call -> call.startsWith("POST /channel/pause"));
        assertThat(NSQD.channel("restore_object", "restore_object_worker_chan").paused).isFalse();

        PageClient.Page done = admin.post("/nsq/admin", form("operation", "pause", "targetType", "channel",
                "topicName", "restore_object", "channelName", "restore_object_worker_chan", "confirmed", "true"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(NSQD.calls()).contains(
                "POST /channel/pause?topic=restore_object&channel=restore_object_worker_chan");
        PageClient.Page after = admin.get(done.location().replace(admin.base(), ""));
        assertThat(after.text(".flag")).contains("Succeeded: pause channel restore_object_worker_chan");
        // The line is signed for this session: a link with words of someone else's, or a wrong signature, shows none.
        assertThat(admin.get("/nsq?done=Your+password+expired:+call+555").doc().text())
                .doesNotContain("Your password expired");
        assertThat(admin.get("/nsq?done=Succeeded:+forged&sig=00ff").doc().text()).doesNotContain("forged");
        assertThat(after.doc().select("#channels tr[data-channel=restore_object/restore_object_worker_chan] td")
                .eachText()).contains("paused");

        admin.post("/nsq/admin", form("operation", "unpause", "targetType", "channel", "topicName",
                "restore_object", "channelName", "restore_object_worker_chan", "confirmed", "true"));
        assertThat(NSQD.channel("restore_object", "restore_object_worker_chan").paused).isFalse();
    }

    @Test
    void emptyingATopicAndPausingEveryTopic() {
        PageClient admin = admin();
        admin.get("/nsq");
        PageClient.Page ask = admin.post("/nsq/admin", form("operation", "empty", "targetType", "topic",
                "topicName", "restore_object"));
        assertThat(ask.text("main")).contains("dropped for good");
        assertThat(NSQD.topic("restore_object").depth).isEqualTo(7);
        admin.post("/nsq/admin", form("operation", "empty", "targetType", "topic", "topicName", "restore_object",
                "confirmed", "true"));
        assertThat(NSQD.topic("restore_object").depth).isZero();

        admin.post("/nsq/admin", form("operation", "pause", "targetType", "topic", "applyToAll", "true",
                "confirmed", "true"));
        assertThat(NSQD.topic("restore_object").paused).isTrue();
        assertThat(NSQD.topic("delete_item").paused).isTrue();
        admin.post("/nsq/admin", form("operation", "unpause", "targetType", "topic", "applyToAll", "true",
                "confirmed", "true"));
        assertThat(NSQD.topic("restore_object").paused).isFalse();
    }

    @Test
    void withoutTheCsrfTokenNothingHappens() {
        PageClient admin = admin();
        admin.get("/nsq");
        PageClient.Page forged = admin.postRaw("/nsq/admin", form("operation", "pause", "targetType", "topic",
                "topicName", "restore_object", "confirmed", "true", "csrf_token", "forged"), java.util.Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(NSQD.topic("restore_object").paused).isFalse();
    }

    @Test
    void badInputIsA400ThatSaysWhatIsAllowed() {
        PageClient admin = admin();
        admin.get("/nsq");
        PageClient.Page op = admin.post("/nsq/admin", form("operation", "explode", "targetType", "topic",
                "topicName", "restore_object", "confirmed", "true"));
        assertThat(op.status()).isEqualTo(400);
        assertThat(op.text(".error-message")).contains("explode").contains("pause, unpause, empty");
        PageClient.Page target = admin.post("/nsq/admin", form("operation", "pause", "targetType", "queue",
                "topicName", "restore_object"));
        assertThat(target.status()).isEqualTo(400);
        assertThat(target.text(".error-message")).contains("topic, channel");
        PageClient.Page missing = admin.post("/nsq/admin", form("operation", "pause", "targetType", "channel",
                "topicName", "restore_object"));
        assertThat(missing.status()).isEqualTo(400);
        PageClient.Page unknown = admin.post("/nsq/admin", form("operation", "pause", "targetType", "topic",
                "topicName", "no_such_topic", "confirmed", "true"));
        assertThat(unknown.status()).isEqualTo(502);
        assertThat(unknown.text(".error-message")).contains("TOPIC_NOT_FOUND");
    }

    @Test
    void initCreatesTheIngestTopicsWithTheirWorkerChannels() {
        PageClient admin = admin();
        admin.get("/nsq");
        PageClient.Page p = admin.post("/nsq/init", form());
        assertThat(p.status()).isEqualTo(303);
        for (String topic : QueueTopics.INGEST_STAGE_TOPICS.values()) {
            assertThat(NSQD.hasTopic(topic)).as(topic).isTrue();
            assertThat(NSQD.calls()).contains("POST /channel/create?topic=" + topic + "&channel=" + topic
                    + "_worker_chan");
        }
        long creates = NSQD.calls().stream().filter(c -> c.startsWith("POST /topic/create")).count();
        admin.get("/nsq");
        admin.post("/nsq/init", form());
        assertThat(NSQD.calls().stream().filter(c -> c.startsWith("POST /topic/create")).count())
                .as("a second run creates nothing").isEqualTo(creates);
    }
}
