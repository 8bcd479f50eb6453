package org.aptrust.registry.api.queue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.aptrust.registry.db.dao.WorkItemWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes work item ids to nsqd over its HTTP API ({@code POST /pub?topic=...}, the id as the body), as the
 * original does. On success the item's queued_at is set; when nsqd cannot be reached or refuses, the request is
 * recorded in the work item like {@link RecordingWorkQueue} does, so nothing is lost.
 */
public final class NsqWorkQueue implements WorkQueue {

    private static final Logger LOG = LoggerFactory.getLogger(NsqWorkQueue.class);

    private final URI nsqd;
    private final HttpClient http;
    private final WorkItemWrites items;
    private final RecordingWorkQueue fallback;

    public NsqWorkQueue(String nsqUrl, WorkItemWrites items) {
        this.nsqd = URI.create(nsqUrl.endsWith("/") ? nsqUrl : nsqUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.items = items;
        this.fallback = new RecordingWorkQueue(items);
    }

    @Override
    public Publication publish(int workItemId, String topic) {
        URI target = nsqd.resolve("pub?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Integer.toString(workItemId))).build();
        String problem;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                items.markQueued(workItemId);
                return new Publication(true, "published to topic " + topic);
            }
            problem = "nsqd answered " + response.statusCode() + ": " + response.body();
        } catch (IOException e) {
            problem = "nsqd cannot be reached: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while publishing";
        }
        LOG.warn("work item {} not published to {} ({}); recorded in the work item instead", workItemId, topic,
                problem);
        fallback.publish(workItemId, topic);
        return new Publication(false, problem + "; the request is recorded in the work item");
    }
}
