package org.aptrust.registry.web.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded stream of GET requests against a running application: {@code workers} threads, each sending its next
 * request {@code pause} after the previous answer, cycling through the given paths (with their headers). Every
 * answer is recorded with the time its request was sent, for assertions about what happened when.
 */
final class RequestStream implements AutoCloseable {

    /** One request: when it was sent (nanoTime), what, and what came back (status -1: no answer). */
    record Sent(long sentAt, long answeredAt, String path, int status, String body, String retryAfter) {
        boolean ok() {
            return status == 200;
        }
    }

    record Target(String path, Map<String, String> headers) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final List<Target> targets;
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService workers;

    RequestStream(int port, List<Target> targets, int workers, Duration pause) {
        this.base = "http://127.0.0.1:" + port;
        this.targets = targets;
        this.workers = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            int offset = w;
            this.workers.submit(() -> run(offset, pause));
        }
    }

    private void run(int offset, Duration pause) {
        int i = offset;
        while (running.get()) {
            Target t = targets.get(i++ % targets.size());
            sent.add(send(t));
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Sent send(Target t) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + t.path())).timeout(Duration.ofSeconds(60));
        t.headers().forEach(b::header);
        long at = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Sent(at, System.nanoTime(), t.path(), r.statusCode(), r.body(),
                    r.headers().firstValue("Retry-After").orElse(null));
        } catch (Exception e) {
            return new Sent(at, System.nanoTime(), t.path(), -1, String.valueOf(e), null);
        }
    }

    List<Sent> sent() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        workers.shutdown();
        workers.awaitTermination(90, TimeUnit.SECONDS);
    }
}
