package org.aptrust.registry.web.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.aptrust.registry.db.list.ListSpec;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.PageClient;
import org.aptrust.registry.web.pages.WebApp;

/**
 * Property-based fuzzing of every list and show route, web and API, against the whole application: generated paths
 * and query strings (the lists' own filter keys and ops, sorts, pages, unknown keys, and values from plain words to
 * SQL fragments, control characters and non-Latin text). Whatever is asked, no answer is a 5xx, and no body carries
 * a stack trace or the database's words. 1,000 requests per route family.
 */
class RouteFuzzTest {

    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\tat [a-z]|\\bat org\\.|at java\\.|org\\.postgresql|PSQL|SQLSTATE|syntax error at"
                    + "|ERROR: |relation \"|jdbi|StatementContext");

    private static final List<String> OPS = List.of("", "__eq", "__ne", "__gt", "__gteq", "__lt", "__lteq",
            "__starts_with", "__contains", "__in", "__not_in", "__is_null", "__not_null", "__is_not_null", "__bogus",
            "__");

    /** API list path → its whitelist. */
    private static final Map<String, ListSpec> API_LISTS = Map.ofEntries(
            Map.entry("alerts", Lists.ALERTS), Map.entry("checksums", Lists.CHECKSUMS),
            Map.entry("deletions", Lists.DELETIONS), Map.entry("files", Lists.FILES),
            Map.entry("objects", Lists.OBJECTS), Map.entry("events", Lists.EVENTS),
            Map.entry("items", Lists.WORK_ITEMS));

    /** Web list path → its whitelist. */
    private static final Map<String, ListSpec> WEB_LISTS = Map.ofEntries(
            Map.entry("alerts", Lists.ALERTS), Map.entry("deletions", Lists.DELETIONS),
            Map.entry("files", Lists.FILES), Map.entry("objects", Lists.OBJECTS), Map.entry("events", Lists.EVENTS),
            Map.entry("work_items", Lists.WORK_ITEMS), Map.entry("institutions", Lists.INSTITUTIONS),
            Map.entry("users", Lists.USERS));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static DropwizardAppExtension<RegistryConfiguration> app;
    private static String base;
    private static List<Map<String, String>> webCallers;
    private static List<Map<String, String>> apiCallers;

    @BeforeContainer
    static void start() throws Exception {
        app = WebApp.on(TestPostgres.fixtureDatabase());
        app.before();
        base = "http://127.0.0.1:" + app.getLocalPort();
        webCallers = new ArrayList<>();
        for (String email : List.of("system@aptrust.org", "admin@inst1.edu", "user@inst2.edu")) {
            PageClient c = new PageClient(app.getLocalPort()).signIn(email);
            webCallers.add(Map.of("Cookie", "aptrust_session=" + c.cookie("aptrust_session").orElseThrow()));
        }
        webCallers.add(Map.of());
        apiCallers = List.of(
                Map.of("X-Pharos-API-User", "system@aptrust.org", "X-Pharos-API-Key", "password"),
                Map.of("X-Pharos-API-User", "user@inst1.edu", "X-Pharos-API-Key", "password"),
                Map.of("X-Pharos-API-User", "admin@inst2.edu", "X-Pharos-API-Key", "password"));
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Property(tries = 1000)
    void memberApiLists(@ForAll("apiList") String list, @ForAll("query") List<Tuple.Tuple2<String, String>> query,
                        @ForAll("caller") int caller) {
        check("/member-api/v3/" + list + (query.size() % 5 == 4 ? "/" : "") + queryString(API_LISTS.get(list), query),
                apiCallers.get(caller % apiCallers.size()));
    }

    @Property(tries = 1000)
    void adminApiListsAndShows(@ForAll("adminPath") String path,
                               @ForAll("query") List<Tuple.Tuple2<String, String>> query) {
        String list = path.contains("/show/") ? null : path.substring("/admin-api/v3/".length());
        ListSpec spec = list == null ? null : API_LISTS.getOrDefault(list,
                list.equals("institutions") ? Lists.INSTITUTIONS : Lists.STORAGE_RECORDS);
        check(path + (list == null ? "" : queryString(spec, query)), apiCallers.get(0));
    }

    @Property(tries = 1000)
    void memberApiShows(@ForAll("apiShow") String path, @ForAll("caller") int caller) {
        check(path, apiCallers.get(caller % apiCallers.size()));
    }

    @Property(tries = 1000)
    void webLists(@ForAll("webList") String list, @ForAll("query") List<Tuple.Tuple2<String, String>> query,
                  @ForAll("caller") int caller) {
        check("/" + list + queryString(WEB_LISTS.get(list), query), webCallers.get(caller % webCallers.size()));
    }

    @Property(tries = 1000)
    void webShows(@ForAll("webShow") String path, @ForAll("caller") int caller) {
        check(path, webCallers.get(caller % webCallers.size()));
    }

    private static void check(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        HttpResponse<String> r;
        try {
            r = HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(pathAndQuery + ": " + e, e);
        }
        assertThat(r.statusCode()).as("status of " + pathAndQuery + "\n" + r.body()).isLessThan(500);
        assertThat(LEAK.matcher(r.body()).find()).as("a stack trace or SQL in the answer to " + pathAndQuery + ":\n"
                + r.body()).isFalse();
    }

    private static String queryString(ListSpec spec, List<Tuple.Tuple2<String, String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        List<String> keys = new ArrayList<>(spec.filters().keySet());
        keys.addAll(spec.columns());
        StringBuilder sb = new StringBuilder("?");
        for (Tuple.Tuple2<String, String> kv : query) {
            String key = kv.get1();
            if (key.startsWith("#")) { // a filter key of the list, with an op chosen by the rest of the marker
                int n = Math.abs(key.hashCode());
                key = keys.get(n % keys.size()) + OPS.get((n / 7) % OPS.size());
            }
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(kv.get2(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<String> apiList() {
        return Arbitraries.of(API_LISTS.keySet());
    }

    @Provide
    Arbitrary<String> webList() {
        return Arbitraries.of(WEB_LISTS.keySet());
    }

    @Provide
    Arbitrary<Integer> caller() {
        return Arbitraries.integers().between(0, 11);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> query() {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().alpha().ofLength(6).map(s -> "#" + s)),
                Tuple.of(2, Arbitraries.of("sort", "page", "per_page", "institution_id", "state", "id", "q",
                        "report_type", "chart_metric", "updated_at__gteq", "format", "csv")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
        return Combinators.combine(keys, values()).as(Tuple::of).list().ofMaxSize(5);
    }

    /** Values from the plausible to the hostile. */
    private static Arbitrary<String> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-3, 100_000).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("9223372036854775808", "-2147483649", "1e309", "NaN", "0x1F", "1.5",
                        "2016-03-15", "2016-03-15T14:22:10Z", "2016-13-45", "0001-01-01T00:00:00Z", "true", "yes",
                        "A", "D", "Standard", "Ingest", "Success", "id__desc", "identifier__asc", "nope__sideways",
                        "id,identifier", "")),
                Tuple.of(2, Arbitraries.of("' OR 1=1 --", "1; DROP TABLE users", "%", "_", "\\", "\"", "'",
                        "institution1.edu/", "institution1.edu/theses_2020", "../..", "%00", "\u0000", "\n\r",
                        "<script>alert(1)</script>", "日本語", "ß\u0301", "\uD83D\uDE00", "a".repeat(3000),
                        "{\"a\":1}", "[1,2]", "null", "undefined", "$1", "?", "#", "&", "=")),
                Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20)));
    }

    /** Identifiers for show routes: numbers in and out of range, identifiers, and anything else, encoded or raw. */
    private static Arbitrary<String> showIds() {
        Arbitrary<String> raw = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-2, 200).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("2147483648", "99999999999999999999", "0", "00012", "1.0", "1e3")),
                Tuple.of(2, values()));
        return Combinators.combine(raw, Arbitraries.integers().between(0, 3)).as((id, how) -> switch (how) {
            case 0 -> URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            case 1 -> URLEncoder.encode(id, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
            default -> URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                    + (id.hashCode() & 0xff);
        });
    }

    @Provide
    Arbitrary<String> apiShow() {
        return Combinators.combine(Arbitraries.of("alerts", "checksums", "deletions", "files", "objects", "events",
                "items"), showIds()).as((type, id) -> "/member-api/v3/" + type + "/show/" + id);
    }

    @Provide
    Arbitrary<String> adminPath() {
        Arbitrary<String> lists = Arbitraries.of("alerts", "checksums", "deletions", "files", "objects", "events",
                "items", "institutions", "storage_records").map(t -> "/admin-api/v3/" + t);
        Arbitrary<String> shows = Combinators.combine(Arbitraries.of("alerts", "checksums", "deletions", "files",
                "objects", "events", "items", "institutions"), showIds())
                .as((type, id) -> "/admin-api/v3/" + type + "/show/" + id);
        return Arbitraries.oneOf(lists, shows);
    }

    @Provide
    Arbitrary<String> webShow() {
        return Combinators.combine(Arbitraries.of("alerts", "deletions", "files", "objects", "events", "work_items",
                "institutions", "users"), showIds()).as((type, id) -> "/" + type + "/show/" + id);
    }
}
