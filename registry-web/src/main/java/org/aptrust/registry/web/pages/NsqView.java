package org.aptrust.registry.web.pages;

import java.util.List;

import org.aptrust.registry.api.queue.NsqdClient;

/** The NSQ page: nsqd's topics and channels with their counters and the forms that act on them. */
public final class NsqView extends PageView {

    /** One row of a channel table, with the topic it belongs to (for the forms). */
    public record ChannelRow(String topic, String name, String depth, String inFlight, String deferred,
                             String messages, String requeued, String timedOut, int clients, boolean paused) {
    }

    /** One topic with its channels. */
    public record TopicRow(String name, String depth, String messages, boolean paused, List<ChannelRow> channels) {
        public boolean hasChannels() {
            return !channels.isEmpty();
        }
    }

    private final boolean configured;
    private final String address;
    private final String version;
    private final String error;
    private final String done;
    private final List<TopicRow> topics;

    private NsqView(PageContext page, boolean configured, String address, String version, String error, String done,
                    List<TopicRow> topics) {
        super("nsq.mustache", page);
        this.configured = configured;
        this.address = address;
        this.version = version;
        this.error = error;
        this.done = done;
        this.topics = topics;
    }

    static NsqView notConfigured(PageContext page) {
        return new NsqView(page, false, null, null, null, null, List.of());
    }

    static NsqView unreachable(PageContext page, String address, String error) {
        return new NsqView(page, true, address, null, error, null, List.of());
    }

    static NsqView of(PageContext page, String address, NsqdClient.Stats stats, String done) {
        List<TopicRow> rows = stats.topics().stream().map(t -> new TopicRow(t.name(), Formats.number(t.depth()),
                Formats.number(t.messageCount()), t.paused(), t.channels().stream().map(c -> new ChannelRow(t.name(),
                        c.name(), Formats.number(c.depth()), Formats.number(c.inFlight()),
                        Formats.number(c.deferred()), Formats.number(c.messageCount()),
                        Formats.number(c.requeueCount()), Formats.number(c.timeoutCount()), c.clients(),
                        c.paused())).toList())).toList();
        String v = stats.version().isBlank() ? null : stats.version();
        return new NsqView(page, true, address, v, null, done == null || done.isBlank() ? null : done, rows);
    }

    public boolean configured() {
        return configured;
    }

    public String address() {
        return address;
    }

    public String version() {
        return version;
    }

    public String error() {
        return error;
    }

    public String done() {
        return done;
    }

    public List<TopicRow> topics() {
        return topics;
    }

    public boolean hasTopics() {
        return !topics.isEmpty();
    }

    public boolean reachable() {
        return configured && error == null;
    }
}
