import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak load (bench/soak/run starts the service and calls this): mixed traffic at a fixed rate for a fixed time,
 * then the row count of every acknowledged create. Latency is counted from when a request was due, not when it was
 * sent, so a stalled service shows in p99. In restart mode the embedded PostgreSQL is stopped (fast shutdown) half
 * way through; the service's watchdog starts it again.
 *
 * The first WARMUP seconds run the same mix at a rate rising from a tenth to RATE and are not reported (the JVM
 * compiles, caches fill); their creates are still counted at the end.
 *
 *   java -cp registry.jar bench/soak/Soak.java HTTP_PORT ADMIN_PORT DATA_DIR RATE SECONDS WARMUP [restart]
 */
public class Soak {

    record Result(String kind, long dueNanos, long doneNanos, int status, boolean warmup) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final List<Result> RESULTS = Collections.synchronizedList(new ArrayList<>());
    static final Map<String, String> OBJECTS = new ConcurrentHashMap<>();
    static final Map<String, String> FILES = new ConcurrentHashMap<>();
    static final Map<String, String> EVENTS = new ConcurrentHashMap<>();
    static volatile String lastObjectId = null;
    static volatile String lastObjectIdentifier = null;
    static String base;
    static String cookie;
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final AtomicInteger SEQ = new AtomicInteger();

    public static void main(String[] a) throws Exception {
        int httpPort = Integer.parseInt(a[0]);
        int adminPort = Integer.parseInt(a[1]);
        Path data = Path.of(a[2]);
        int rate = Integer.parseInt(a[3]);
        int seconds = Integer.parseInt(a[4]);
        int warmup = Integer.parseInt(a[5]);
        boolean restart = a.length > 6 && a[6].equals("restart");
        base = "http://127.0.0.1:" + httpPort;
        cookie = signIn("system@aptrust.org");
        int pgPort = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/registry_dev?user=postgres";

        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
        var workers = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        // The warm-up ramps the rate from a tenth to the full rate (a cold JVM on two cores cannot take the full rate
        // while it compiles); its requests are sent but not reported. Then the full rate for SECONDS.
        long warmupNanos = warmup * 1_000_000_000L;
        List<Long> dues = new ArrayList<>();
        for (long t = 0; t < warmupNanos; ) {
            dues.add(t);
            double r = rate * (0.1 + 0.9 * t / (double) warmupNanos);
            t += (long) (1e9 / r);
        }
        long warmupCount = dues.size();
        for (long k = 0; k < (long) rate * seconds; k++) {
            dues.add(warmupNanos + k * periodNanos);
        }
        long total = dues.size();
        long measuredFrom = start + warmupNanos;
        AtomicInteger n = new AtomicInteger();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                long due = start + dues.get(i);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                int index = i;
                workers.submit(() -> one(index, due, index < warmupCount));
                n.incrementAndGet();
            }
        }, "soak-sender");
        sender.start();
        ticker.scheduleAtFixedRate(() -> post("http://127.0.0.1:" + adminPort + "/tasks/refresh-stats?job=all",
                Map.of()), 60, 60, TimeUnit.SECONDS);

        long stoppedAt = 0;
        long backAt = 0;
        if (restart) {
            Thread.sleep(warmup * 1000L + seconds * 500L);
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            stoppedAt = System.nanoTime();
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor();
            Thread.sleep(500);
            while (true) { // until the watchdog has started it again
                try (Connection c = DriverManager.getConnection(jdbc)) {
                    backAt = System.nanoTime();
                    break;
                } catch (Exception e) {
                    Thread.sleep(50);
                }
            }
            System.out.printf("database stopped, back after %.1f s (watchdog)%n", (backAt - stoppedAt) / 1e9);
        }
        while (n.get() < total) {
            Thread.sleep(200);
        }
        ticker.shutdown();
        workers.shutdown();
        if (!workers.awaitTermination(120, TimeUnit.SECONDS)) {
            System.out.printf("the service fell behind: %d requests still queued 120 s after the run, not sent%n",
                    workers.shutdownNow().size());
            workers.awaitTermination(60, TimeUnit.SECONDS);
        }
        long end = System.nanoTime();
        report(measuredFrom, end, stoppedAt, backAt);
        count(jdbc);
    }

    static void one(int i, long due, boolean warmup) {
        int slot = i % 20;
        String kind;
        int status;
        if (slot < 6) {
            String[] pages = {"/dashboard", "/objects?state=A", "/files?state=A", "/events", "/work_items",
                    "/objects/show/1"};
            kind = "web";
            status = get(pages[i / 20 % pages.length], Map.of("Cookie", cookie));
        } else if (slot < 14) {
            String[] api = {"/member-api/v3/objects?per_page=20", "/member-api/v3/files?per_page=20",
                    "/member-api/v3/events?per_page=20", "/member-api/v3/items?per_page=20",
                    "/member-api/v3/objects/show/1", "/member-api/v3/files/show/1",
                    "/member-api/v3/objects?state=A&sort=identifier__asc", "/member-api/v3/checksums?per_page=20"};
            kind = "member-api";
            status = get(api[i / 20 % api.length], key());
        } else {
            kind = "admin-create";
            status = create(i);
        }
        RESULTS.add(new Result(kind, due, System.nanoTime(), status, warmup));
    }

    static Map<String, String> key() {
        return Map.of("X-Pharos-API-User", "system@aptrust.org", "X-Pharos-API-Key", "password");
    }

    static int create(int i) {
        String obj = lastObjectId;
        int what = obj == null ? 0 : i % 3;
        int seq = SEQ.incrementAndGet();
        if (what == 0) {
            String ident = "institution1.edu/soak-" + RUN + "-" + seq;
            String body = "{\"id\":0,\"title\":\"Soak\",\"description\":\"soak\",\"identifier\":\"" + ident
                    + "\",\"access\":\"institution\",\"institution_id\":2,\"state\":\"A\",\"etag\":\"0123456789abcdef"
                    + "0123456789abcdef\",\"storage_option\":\"Standard\",\"bagit_profile_identifier\":"
                    + "\"https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json\","
                    + "\"source_organization\":\"Soak\",\"created_at\":\"0001-01-01T00:00:00Z\"}";
            var r = postJson("/admin-api/v3/objects/create/2", body);
            if (r.statusCode() == 201) {
                String id = field(r.body(), "id");
                OBJECTS.put(ident, id);
                lastObjectId = id;
                lastObjectIdentifier = ident;
            }
            return r.statusCode();
        }
        if (what == 1) {
            String ident = lastObjectIdentifier + "/data/f" + seq + ".txt";
            String body = "{\"id\":0,\"file_format\":\"text/plain\",\"size\":1234,\"identifier\":\"" + ident
                    + "\",\"intellectual_object_id\":" + obj + ",\"state\":\"A\",\"last_fixity_check\":"
                    + "\"0001-01-01T00:00:00Z\",\"institution_id\":2,\"storage_option\":\"Standard\",\"uuid\":\""
                    + UUID.randomUUID() + "\",\"checksums\":[],\"storage_records\":[],\"premis_events\":[]}";
            var r = postJson("/admin-api/v3/files/create/2", body);
            if (r.statusCode() == 201) {
                FILES.put(ident, field(r.body(), "id"));
            }
            return r.statusCode();
        }
        String uuid = UUID.randomUUID().toString();
        String body = "{\"identifier\":\"" + uuid + "\",\"event_type\":\"ingestion\",\"date_time\":\""
                + java.time.Instant.now() + "\",\"outcome_detail\":\"soak\",\"detail\":\"soak\","
                + "\"outcome_information\":\"soak\",\"object\":\"soak\",\"agent\":\"soak\",\"outcome\":\"Success\","
                + "\"institution_id\":2,\"intellectual_object_id\":" + obj + "}";
        var r = postJson("/admin-api/v3/events/create", body);
        if (r.statusCode() == 201) {
            EVENTS.put(uuid, field(r.body(), "id"));
        }
        return r.statusCode();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    static int get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        try {
            return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static HttpResponse<String> postJson(String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        key().forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return new Failed();
        }
    }

    static int post(String url, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.noBody());
            headers.forEach(b::header);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static String signIn(String email) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/users/sign_in")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anon = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(form.body());
        m.find();
        String body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=password&csrf_token="
                + m.group(1);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/users/sign_in"))
                .header("Cookie", anon).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aptrust_session="))
                .findFirst().orElseThrow(() -> new IllegalStateException("sign-in failed: " + r.statusCode()))
                .split(";")[0];
    }

    static void report(long start, long end, long stoppedAt, long backAt) {
        List<Result> all = new ArrayList<>(RESULTS.stream().filter(r -> !r.warmup()).toList());
        double secs = (end - start) / 1e9;
        System.out.printf("requests %d in %.0f s after the warm-up: %.1f req/s%n", all.size(), secs,
                all.size() / secs);
        timeline(all, start);
        for (String kind : List.of("web", "member-api", "admin-create", "all")) {
            List<Long> lat = new ArrayList<>();
            long errors = 0;
            for (Result r : all) {
                if (kind.equals("all") || r.kind().equals(kind)) {
                    lat.add(r.doneNanos() - r.dueNanos());
                    if (r.status() >= 400 || r.status() < 0) {
                        errors++;
                    }
                }
            }
            Collections.sort(lat);
            System.out.printf("  %-13s %6d requests, p50 %6.1f ms, p99 %7.1f ms, errors %d%n", kind, lat.size(),
                    lat.get(lat.size() / 2) / 1e6, lat.get((int) (lat.size() * 0.99)) / 1e6, errors);
        }
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        all.forEach(r -> statuses.merge(r.status(), 1L, Long::sum));
        System.out.println("  statuses " + statuses);
        if (backAt > 0) {
            long errorsBefore = all.stream().filter(r -> r.dueNanos() < stoppedAt && (r.status() >= 400
                    || r.status() < 0)).count();
            long errorsDown = all.stream().filter(r -> r.dueNanos() >= stoppedAt && r.dueNanos() < backAt
                    && (r.status() >= 400 || r.status() < 0)).count();
            long firstOk = all.stream().filter(r -> r.dueNanos() >= backAt && r.status() < 400 && r.status() > 0)
                    .mapToLong(Result::doneNanos).min().orElse(end);
            long errorsAfter = all.stream().filter(r -> r.dueNanos() >= firstOk && (r.status() >= 400
                    || r.status() < 0)).count();
            long errorsBetween = all.stream().filter(r -> r.dueNanos() >= backAt && r.dueNanos() < firstOk
                    && (r.status() >= 400 || r.status() < 0)).count();
            System.out.printf("  restart: database down %.1f s; errors before %d, while down %d, after its return"
                    + " until the first success %d, after that %d; recovery %.2f s after the database returned%n",
                    (backAt - stoppedAt) / 1e9, errorsBefore, errorsDown, errorsBetween, errorsAfter,
                    (firstOk - backAt) / 1e9);
        }
    }

    /** Per minute of due time: requests, p50, p99 and max latency, so a growing backlog shows. */
    static void timeline(List<Result> all, long start) {
        Map<Long, List<Long>> byMinute = new java.util.TreeMap<>();
        for (Result r : all) {
            byMinute.computeIfAbsent((r.dueNanos() - start) / 60_000_000_000L, k -> new ArrayList<>())
                    .add(r.doneNanos() - r.dueNanos());
        }
        byMinute.forEach((minute, lat) -> {
            Collections.sort(lat);
            System.out.printf("  minute %2d: %6d requests, p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms%n", minute + 1,
                    lat.size(), lat.get(lat.size() / 2) / 1e6, lat.get((int) (lat.size() * 0.99)) / 1e6,
                    lat.get(lat.size() - 1) / 1e6);
        });
    }

    static void count(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc)) {
            check(c, "intellectual_objects", "identifier", OBJECTS);
            check(c, "generic_files", "identifier", FILES);
            check(c, "premis_events", "identifier", EVENTS);
        }
    }

    static void check(Connection c, String table, String column, Map<String, String> acked) throws Exception {
        Object[] keys = acked.keySet().toArray(); // one snapshot for the query and the comparison
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(DISTINCT " + column + ") FROM "
                + table + " WHERE " + column + " = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", keys));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.printf("  %-20s acknowledged %6d, rows %6d, distinct %6d: %s%n", table, keys.length,
                        rs.getLong(1), rs.getLong(2), rs.getLong(1) == keys.length && rs.getLong(2) == keys.length
                                ? "every one exactly once" : "MISMATCH");
            }
        }
    }

    /** A request that got no answer. */
    static final class Failed implements HttpResponse<String> {
        public int statusCode() { return -1; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (x, y) -> true); }
        public String body() { return ""; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
