package org.aptrust.registry.web.pages;

import static org.aptrust.registry.web.pages.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.auth.SessionCodec;
import org.aptrust.registry.web.auth.SessionCookies;
import org.aptrust.registry.web.auth.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-in, sign-out, the session cookie, CSRF refusal, security headers and error pages, over HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionAndSecurityTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private PageClient client() {
        return new PageClient(APP.getLocalPort());
    }

    private SessionCodec testCodec() {
        return new SessionCodec(APP.getConfiguration().getWeb().sessionKeys(), Duration.ofHours(12));
    }

    @Test
    void pagesNeedSignInAndComeBackAfterwards() {
        PageClient c = client();
        PageClient.Page p = c.get("/dashboard");
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).endsWith("/users/sign_in?next=%2Fdashboard");

        PageClient.Page form = c.get("/users/sign_in?next=%2Fobjects%3Fstate%3DA");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.doc().select("label[for=email]").text()).isEqualTo("Email");
        assertThat(form.doc().select("label[for=password]").text()).isEqualTo("Password");
        PageClient.Page signedIn = c.post("/users/sign_in", form("email", "user@inst1.edu", "password", "password",
                "next", "/objects?state=A"));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).endsWith("/objects?state=A");

        PageClient.Page dash = c.get("/dashboard");
        assertThat(dash.status()).isEqualTo(200);
        assertThat(dash.doc().select(".who-name").attr("title")).isEqualTo("user@inst1.edu");
    }

    @Test
    void signingInIssuesANewSession() {
        PageClient c = client();
        c.get("/users/sign_in");
        String before = c.cookie(SessionCookies.NAME).orElseThrow();
        c.post("/users/sign_in", form("email", "user@inst2.edu", "password", "password"));
        String after = c.cookie(SessionCookies.NAME).orElseThrow();
        WebSession a = testCodec().decode(before, Instant.now()).orElseThrow();
        WebSession b = testCodec().decode(after, Instant.now()).orElseThrow();
        assertThat(a.isSignedIn()).isFalse();
        assertThat(b.userId()).isEqualTo(9);
        assertThat(b.nonce()).isNotEqualTo(a.nonce());
    }

    @Test
    void theJsonApiIsNotSubjectToTheCsrfCheckNorToHtmlErrorPages() {
        PageClient c = client();
        for (String path : List.of("/member-api/v3/objects", "/admin-api/v3/items/create/2")) {
            PageClient.Page p = c.postRaw(path, form("anything", "1"), Map.of());
            assertThat(p.body()).as(path).doesNotContain("did not come from this site");
            assertThat(p.header("Content-Type")).as(path).doesNotStartWith("text/html");
        }
    }

    @Test
    void sessionCookieIsSignedHttpOnlyStrictAndLimited() {
        PageClient c = client();
        c.get("/users/sign_in");
        PageClient.Page p = c.post("/users/sign_in", form("email", "admin@inst1.edu", "password", "password"));
        String setCookie = p.header("Set-Cookie");
        assertThat(setCookie).startsWith(SessionCookies.NAME + "=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");
        long maxAge = Long.parseLong(setCookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(12 * 3600L - 60, 12 * 3600L);

        // A tampered cookie is no session at all.
        String value = c.cookie(SessionCookies.NAME).orElseThrow();
        String[] parts = value.split("\\.");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                        .replaceFirst("\\|2\\|", "|1|").getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
        c.setCookie(SessionCookies.NAME, forged);
        assertThat(c.get("/dashboard").status()).isEqualTo(303);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        PageClient c = client();
        c.get("/users/sign_in");
        PageClient.Page wrong = c.post("/users/sign_in", form("email", "admin@test.edu", "password", "nope"));
        c.get("/users/sign_in");
        PageClient.Page unknown = c.post("/users/sign_in", form("email", "nobody@nowhere.edu", "password", "nope"));
        c.get("/users/sign_in");
        PageClient.Page deactivated = c.post("/users/sign_in",
                form("email", "inactive@inst1.edu", "password", "password"));
        c.get("/users/sign_in");
        PageClient.Page noRole = c.post("/users/sign_in", form("email", "nobody@inst1.edu", "password", "password"));
        for (PageClient.Page p : List.of(wrong, unknown, deactivated, noRole)) {
            assertThat(p.status()).isEqualTo(401);
            assertThat(p.text(".form-error")).isEqualTo(SessionPages.REFUSED);
        }
        assertThat(wrong.doc().select("input[name=email]").attr("value")).isEqualTo("admin@test.edu");
    }

    @Test
    void repeatedFailuresSlowDownEvenTheRightPassword() {
        PageClient c = client();
        for (int i = 0; i < 5; i++) {
            c.get("/users/sign_in");
            assertThat(c.post("/users/sign_in", form("email", "user@test.edu", "password", "guess" + i)).status())
                    .isEqualTo(401);
        }
        c.get("/users/sign_in");
        PageClient.Page p = c.post("/users/sign_in", form("email", "user@test.edu", "password", "password"));
        assertThat(p.status()).isEqualTo(429);
        assertThat(p.header("Retry-After")).isNotNull();
        assertThat(p.text(".form-error")).startsWith("Too many failed sign-in attempts. Wait ");
        // Another account from the same address is not affected.
        client().signIn("admin@test.edu");
    }

    @Test
    void signOutEndsTheSessionEvenForACopiedCookie() {
        PageClient c = client().signIn("user@inst2.edu");
        String copied = c.cookie(SessionCookies.NAME).orElseThrow();
        assertThat(c.get("/users/sign_out").status()).isEqualTo(200);
        PageClient.Page out = c.post("/users/sign_out", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(c.get("/dashboard").status()).isEqualTo(303);

        PageClient thief = client();
        thief.setCookie(SessionCookies.NAME, copied);
        assertThat(thief.get("/dashboard").status()).isEqualTo(303);
    }

    @Test
    void anExpiredSessionIsRefused() {
        PageClient c = client().signIn("admin@test.edu");
        assertThat(c.get("/dashboard").status()).isEqualTo(200);
        SessionCodec codec = testCodec();
        WebSession current = codec.decode(c.cookie(SessionCookies.NAME).orElseThrow(), Instant.now()).orElseThrow();
        WebSession old = new WebSession(current.userId(), Instant.now().minus(Duration.ofHours(12)).minusSeconds(5),
                current.nonce());
        c.setCookie(SessionCookies.NAME, codec.encode(old));
        PageClient.Page p = c.get("/dashboard");
        assertThat(p.status()).isEqualTo(303);
        assertThat(p.location()).contains("/users/sign_in");
        // One issued just within the limit still works.
        c.setCookie(SessionCookies.NAME, codec.encode(new WebSession(current.userId(),
                Instant.now().minus(Duration.ofHours(12)).plusSeconds(60), current.nonce())));
        assertThat(c.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void postsWithoutAValidCsrfTokenAreRefused() {
        PageClient c = client().signIn("admin@inst1.edu");
        PageClient.Page none = c.postRaw("/users/sign_out", Map.of(), Map.of());
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.text(".error-message")).contains("did not come from this site");
        PageClient.Page wrong = c.postRaw("/users/sign_out", form("csrf_token", "0".repeat(128)), Map.of());
        assertThat(wrong.status()).isEqualTo(403);
        // Still signed in: nothing happened.
        assertThat(c.get("/dashboard").status()).isEqualTo(200);

        // A token from another session is no good either.
        PageClient other = client().signIn("user@inst1.edu");
        other.get("/dashboard");
        PageClient.Page foreign = c.postRaw("/users/sign_out", form("csrf_token", other.lastCsrfToken()), Map.of());
        assertThat(foreign.status()).isEqualTo(403);

        // The right token from another origin is refused; in the header from this origin it works.
        c.get("/dashboard");
        PageClient.Page crossSite = c.postRaw("/users/sign_out", form("csrf_token", c.lastCsrfToken()),
                Map.of("Origin", "https://evil.example"));
        assertThat(crossSite.status()).isEqualTo(403);
        PageClient.Page viaHeader = c.postRaw("/users/sign_out", Map.of(),
                Map.of("X-CSRF-Token", c.lastCsrfToken(), "Origin", c.base()));
        assertThat(viaHeader.status()).isEqualTo(303);
    }

    @Test
    void signInFormItselfNeedsItsToken() {
        PageClient c = client();
        PageClient.Page p = c.postRaw("/users/sign_in", form("email", "user@inst1.edu", "password", "password"),
                Map.of());
        assertThat(p.status()).isEqualTo(403);
    }

    @Test
    void everyPageCarriesSecurityHeaders() {
        PageClient c = client();
        for (PageClient.Page p : List.of(c.get("/users/sign_in"), c.get("/no/such/page"))) {
            assertThat(p.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(p.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(p.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(p.header("Cache-Control")).contains("no-cache");
        }
        PageClient.Page css = c.get("/assets/registry.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void unknownPagesGetTheFriendlyNotFoundPage() {
        PageClient c = client().signIn("user@inst1.edu");
        PageClient.Page p = c.get("/no/such/page");
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.header("Content-Type")).startsWith("text/html");
        assertThat(p.text("h1")).isEqualTo("Not found");
        assertThat(p.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(p.doc().select(".who-name").attr("title")).isEqualTo("user@inst1.edu");
    }

    @Test
    void chartJsIsServedFromItsWebJar() {
        PageClient.Page p = client().get("/webjars/chart.js/dist/chart.umd.min.js");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.header("Content-Type")).contains("javascript");
    }

    @Test
    void nextNeverLeavesTheSite() {
        assertThat(SessionPages.safeNext("https://evil.example/")).isEqualTo("/dashboard");
        assertThat(SessionPages.safeNext("//evil.example/")).isEqualTo("/dashboard");
        assertThat(SessionPages.safeNext("/\\evil.example")).isEqualTo("/dashboard");
        assertThat(SessionPages.safeNext("/objects?state=A")).isEqualTo("/objects?state=A");
    }
}
