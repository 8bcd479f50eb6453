package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
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
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A small browser for page tests: keeps cookies, never follows redirects (tests assert them), parses HTML with
 * jsoup, and fills the CSRF token from the last page it read.
 */
public final class PageClient {

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String lastCsrfToken;

    public PageClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** One response, parsed. */
    public record Page(int status, HttpResponse<String> response, Document doc) {
        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String location() {
            return header("Location");
        }

        public String body() {
            return response.body();
        }

        /** The text of each cell of each body row of the first table matching the selector. */
        public List<List<String>> rows(String tableSelector) {
            Element table = doc.selectFirst(tableSelector);
            assertThat(table).as("table " + tableSelector).isNotNull();
            List<List<String>> rows = new ArrayList<>();
            for (Element tr : table.select("tbody > tr")) {
                rows.add(tr.select("td, th").eachText());
            }
            return rows;
        }

        /** The values of one column (by header text) of a table. */
        public List<String> column(String tableSelector, String header) {
            Element table = doc.selectFirst(tableSelector);
            assertThat(table).as("table " + tableSelector).isNotNull();
            List<String> headers = new ArrayList<>();
            for (Element th : table.select("thead th")) {
                Element copy = th.clone();
                copy.select(".arrow").remove();
                headers.add(copy.text());
            }
            int i = headers.indexOf(header);
            assertThat(i).as("column '" + header + "' in " + headers).isGreaterThanOrEqualTo(0);
            List<String> values = new ArrayList<>();
            for (Element tr : table.select("tbody > tr")) {
                values.add(tr.child(i).text());
            }
            return values;
        }

        public String text(String selector) {
            Element e = doc.selectFirst(selector);
            return e == null ? null : e.text();
        }
    }

    public String base() {
        return base;
    }

    /** The body of a GET. */
    public String body(String path) {
        return get(path).body();
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    public Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(b::header);
        return send(b, path);
    }

    /** POSTs a form with the CSRF token of the last page read (unless the form names its own). */
    public Page post(String path, Map<String, List<String>> form) {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>(form);
        if (!all.containsKey("csrf_token") && lastCsrfToken != null) {
            all.put("csrf_token", List.of(lastCsrfToken));
        }
        return postRaw(path, all, Map.of());
    }

    /**
     * PUTs a form, as the original's page scripts do, with the CSRF token of the last page read both in the form
     * and in X-CSRF-Token, unless the form names its own token (then that one alone).
     */
    public Page put(String path, Map<String, List<String>> form) {
        if (form.containsKey("csrf_token") || lastCsrfToken == null) {
            return sendForm("PUT", path, form, Map.of()); // the form's own token (a test of a forged one), alone
        }
        Map<String, List<String>> all = new java.util.LinkedHashMap<>(form);
        all.put("csrf_token", List.of(lastCsrfToken));
        return sendForm("PUT", path, all, Map.of("X-CSRF-Token", lastCsrfToken));
    }

    /**
     * Sends a form with any method (DELETE as well), carrying the CSRF token of the last page read in the form and in
     * X-CSRF-Token, as the original's page scripts send it.
     */
    public Page request(String method, String path, Map<String, List<String>> form) {
        Map<String, List<String>> all = new java.util.LinkedHashMap<>(form);
        if (lastCsrfToken == null) {
            return sendForm(method, path, all, Map.of());
        }
        all.putIfAbsent("csrf_token", List.of(lastCsrfToken));
        return sendForm(method, path, all, Map.of("X-CSRF-Token", lastCsrfToken));
    }

    public Page postRaw(String path, Map<String, List<String>> form, Map<String, String> headers) {
        return sendForm("POST", path, form, headers);
    }

    private Page sendForm(String method, String path, Map<String, List<String>> form, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(b::header);
        return send(b, path);
    }

    private static String encode(Map<String, List<String>> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, vs) -> vs.forEach(v -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(enc(k)).append('=').append(enc(v));
        }));
        return body.toString();
    }

    public static Map<String, List<String>> form(String... keyValues) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.computeIfAbsent(keyValues[i], k -> new ArrayList<>()).add(keyValues[i + 1]);
        }
        return m;
    }

    /** Signs in through the form; asserts it worked. */
    public PageClient signIn(String email) {
        get("/users/sign_in");
        Page p = post("/users/sign_in", form("email", email, "password", "password"));
        assertThat(p.status()).as("sign in as " + email + ": " + p.text(".form-error")).isEqualTo(303);
        return this;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    public void setCookie(String name, String value) {
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        cookies.getCookieStore().removeAll();
        cookies.getCookieStore().add(URI.create(base), c);
    }

    /** Forgets one cookie, keeping the others (the session). */
    public void removeCookie(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().remove(URI.create(base), c));
    }

    public String lastCsrfToken() {
        return lastCsrfToken;
    }

    private Page send(HttpRequest.Builder b, String path) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Document doc = Jsoup.parse(r.body(), base + path);
            Element token = doc.selectFirst("input[name=csrf_token]");
            if (token != null) {
                lastCsrfToken = token.attr("value");
            }
            return new Page(r.statusCode(), r, doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
