package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.queue.NsqdClient;
import org.aptrust.registry.api.queue.NsqdClient.Operation;
import org.aptrust.registry.api.queue.QueueTopics;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's NSQ pages, for APTrust admins: GET /nsq shows nsqd's topics and channels with their counters
 * (from its /stats), POST /nsq/admin pauses, unpauses, empties or deletes a topic or a channel (or all of them)
 * after a confirmation page, POST /nsq/init creates the ingest topics and their worker channels. Every POST carries
 * the CSRF token like every form. Without a configured nsqd the page says so.
 */
@Path("/nsq")
@Produces(MediaType.TEXT_HTML)
public class NsqPages {

    private static final Logger LOG = LoggerFactory.getLogger(NsqPages.class);

    private final Pages pages;
    private final NsqdClient nsqd;

    /** @param nsqd null when no nsqd is configured */
    public NsqPages(Pages pages, NsqdClient nsqd) {
        this.pages = pages;
        this.nsqd = nsqd;
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public Response show(@Context ContainerRequestContext request, @Auth Viewer v, @QueryParam("done") String note,
                         @QueryParam("sig") String sig) {
        PageContext page = pages.context(request, "NSQ", v);
        // The line saying what was done comes in the redirect's URL: shown only when this session signed it, so a
        // link made by someone else cannot put words on an admin's page.
        String done = note != null && pages.cookies().codec().checkSessionSignature(WebAuth.session(request), note,
                sig) ? note : null;
        if (nsqd == null) {
            return Response.ok(NsqView.notConfigured(page)).build();
        }
        try {
            NsqdClient.Stats stats = nsqd.stats();
            return Response.ok(NsqView.of(page, nsqd.address(), stats, done)).build();
        } catch (NsqdClient.NsqdException e) {
            LOG.warn("NSQ page: {}", e.getMessage());
            return Response.status(502).entity(NsqView.unreachable(page, nsqd.address(), e.getMessage())).build();
        }
    }

    /** What a form asks to do, checked against what the page offers. */
    record Action(Operation operation, boolean channel, boolean all, String topic, String channelName) {

        static Action parse(String operation, String targetType, String topicName, String channelName,
                            String applyToAll) {
            Operation op = Operation.named(blank(operation) ? "" : operation.strip()).orElseThrow(() ->
                    PageException.badRequest("'" + operation + "' is not an NSQ operation (operation): allowed are"
                            + " pause, unpause, empty, delete."));
            String type = blank(targetType) ? "" : targetType.strip();
            if (!type.equals("topic") && !type.equals("channel")) {
                throw PageException.badRequest("'" + targetType + "' is not a target (targetType): allowed are"
                        + " topic, channel.");
            }
            boolean all = "true".equals(applyToAll);
            boolean channel = type.equals("channel");
            if (!all && blank(topicName)) {
                throw PageException.badRequest("Name the topic (topicName), or apply the operation to all (applyToAll"
                        + "=true).");
            }
            if (!all && channel && blank(channelName)) {
                throw PageException.badRequest("Name the channel (channelName) of topic " + topicName + ".");
            }
            return new Action(op, channel, all, all ? null : topicName.strip(),
                    all || !channel ? null : channelName.strip());
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        String target() {
            if (all) {
                return channel ? "all channels" : "all topics";
            }
            return channel ? "channel " + channelName + " of topic " + topic : "topic " + topic;
        }

        String verb() {
            return switch (operation) {
                case PAUSE -> "Pause";
                case UNPAUSE -> "Unpause";
                case EMPTY -> "Empty";
                case DELETE -> "Delete";
                case CREATE -> "Create";
            };
        }

        String consequence() {
            return switch (operation) {
                case PAUSE -> "Workers stop receiving messages from it until it is unpaused; messages keep queueing.";
                case UNPAUSE -> "Workers receive its messages again.";
                case EMPTY -> "Every message waiting in it is dropped for good; the work items they named are not"
                        + " processed unless requeued.";
                case DELETE -> "It is removed from nsqd with every message waiting in it.";
                case CREATE -> "";
            };
        }

        List<ConfirmView.Hidden> fields() {
            List<ConfirmView.Hidden> h = new ArrayList<>();
            h.add(new ConfirmView.Hidden("operation", operation.path()));
            h.add(new ConfirmView.Hidden("targetType", channel ? "channel" : "topic"));
            h.add(new ConfirmView.Hidden("applyToAll", all ? "true" : "false"));
            if (topic != null) {
                h.add(new ConfirmView.Hidden("topicName", topic));
            }
            if (channelName != null) {
                h.add(new ConfirmView.Hidden("channelName", channelName));
            }
            h.add(new ConfirmView.Hidden("confirmed", "true"));
            return h;
        }
    }

    /**
     * The original's POST /nsq/admin (form fields operation, targetType, topicName, channelName, applyToAll). Without
     * {@code confirmed=true} it answers a page that says what will happen and asks to confirm; with it, it acts
     * through nsqd's HTTP API and goes back to /nsq.
     */
    @POST
    @Path("admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response admin(@Context ContainerRequestContext request, @Auth Viewer v,
                          @FormParam("operation") String operation,
                          @FormParam("targetType") String targetType, @FormParam("topicName") String topicName,
                          @FormParam("channelName") String channelName, @FormParam("applyToAll") String applyToAll,
                          @FormParam("confirmed") String confirmed) {
        NsqdClient client = configured();
        Action action = Action.parse(operation, targetType, topicName, channelName, applyToAll);
        if (!"true".equals(confirmed)) {
            return Response.ok(new ConfirmView(pages.context(request, action.verb() + " " + action.target() + "?", v),
                    action.consequence(), List.of(DetailView.Fact.of("nsqd", client.address())), List.of(),
                    List.of(new ConfirmView.Form("/nsq/admin", action.verb(), "", action.fields())))).build();
        }
        try {
            act(client, action);
        } catch (NsqdClient.NsqdException e) {
            throw new PageException(502, action.verb() + " " + action.target() + " failed: " + e.getMessage());
        }
        LOG.info("NSQ: {} {} by {}", action.operation().path(), action.target(), v.email());
        return doneRedirect(request, "Succeeded: " + action.operation().path() + " " + action.target());
    }

    private static void act(NsqdClient client, Action action) {
        if (!action.all()) {
            if (action.channel()) {
                client.channel(action.operation(), action.topic(), action.channelName());
            } else {
                client.topic(action.operation(), action.topic());
            }
            return;
        }
        for (NsqdClient.Topic t : client.stats().topics()) {
            if (!action.channel()) {
                client.topic(action.operation(), t.name());
                continue;
            }
            for (NsqdClient.Channel c : t.channels()) {
                client.channel(action.operation(), t.name(), c.name());
            }
        }
    }

    /**
     * The original's POST /nsq/init: creates each ingest topic nsqd does not have yet, with its
     * {@code <topic>_worker_chan} channel, so that a new nsqd has something to show.
     */
    @POST
    @Path("init")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_NAME)
    public Response init(@Context ContainerRequestContext request, @Auth Viewer v) {
        NsqdClient client = configured();
        int created = 0;
        try {
            NsqdClient.Stats stats = client.stats();
            for (String topic : QueueTopics.INGEST_STAGE_TOPICS.values()) {
                if (stats.topic(topic).isEmpty()) {
                    client.topic(Operation.CREATE, topic);
                    client.channel(Operation.CREATE, topic, topic + "_worker_chan");
                    created++;
                }
            }
        } catch (NsqdClient.NsqdException e) {
            throw new PageException(502, "Creating the NSQ topics failed: " + e.getMessage());
        }
        LOG.info("NSQ: init created {} topics, by {}", created, v.email());
        return doneRedirect(request, "Succeeded: created " + created + " topic" + (created == 1 ? "" : "s"));
    }

    /** Back to the NSQ page with a line saying what was done, signed for this session. */
    private Response doneRedirect(ContainerRequestContext request, String done) {
        String sig = pages.cookies().codec().signForSession(WebAuth.session(request), done);
        return Response.seeOther(URI.create("/nsq?done=" + java.net.URLEncoder.encode(done,
                java.nio.charset.StandardCharsets.UTF_8) + "&sig=" + sig)).build();
    }

    private NsqdClient configured() {
        return Optional.ofNullable(nsqd).orElseThrow(() -> new PageException(409,
                "No NSQ is configured (api.nsqUrl, REGISTRY_NSQ_URL), so there is nothing to act on."));
    }
}
