package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.auth.SessionCookies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every sign-in is a server-side session of its own: signing out ends that one only and for good (a later sign-in
 * never revives it), "sign out everywhere" ends them all, and two instances on one database agree.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServerSideSessionsTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);
    /** A second instance of the service on the same database. */
    static final DropwizardAppExtension<RegistryConfiguration> OTHER = WebApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static PageClient client() {
        return new PageClient(APP.getLocalPort());
    }

    private static PageClient withCookie(int port, String cookie) {
        PageClient c = new PageClient(port);
        c.setCookie(SessionCookies.NAME, cookie);
        return c;
    }

    private static void signOut(PageClient c) {
        c.get("/dashboard");
        assertThat(c.post("/users/sign_out", Map.of()).status()).isEqualTo(303);
    }

    @Test
    void aSignedOutCookieStaysDeadAfterTheUserSignsInAgain() {
        PageClient c = client().signIn("user@inst2.edu");
        String a = c.cookie(SessionCookies.NAME).orElseThrow();
        assertThat(withCookie(APP.getLocalPort(), a).get("/dashboard").status()).isEqualTo(200);
        signOut(c);

        c.signIn("user@inst2.edu");
        String b = c.cookie(SessionCookies.NAME).orElseThrow();
        assertThat(b).isNotEqualTo(a);
        assertThat(c.get("/dashboard").status()).isEqualTo(200);
        // A, replayed on either instance, is refused; B works on both
        assertThat(withCookie(APP.getLocalPort(), a).get("/dashboard").status()).isEqualTo(303);
        assertThat(withCookie(OTHER.getLocalPort(), a).get("/dashboard").status()).isEqualTo(303);
        assertThat(withCookie(OTHER.getLocalPort(), b).get("/dashboard").status()).isEqualTo(200);

        // and signing in from a second browser does not bring A back either
        client().signIn("user@inst2.edu");
        assertThat(withCookie(APP.getLocalPort(), a).get("/dashboard").status()).isEqualTo(303);
    }

    @Test
    void signingOutInOneBrowserLeavesTheOthersSignedIn() {
        PageClient laptop = client().signIn("admin@inst2.edu");
        PageClient phone = client().signIn("admin@inst2.edu");
        signOut(laptop);
        assertThat(laptop.get("/dashboard").status()).isEqualTo(303);
        assertThat(phone.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void signOutEverywhereEndsEverySessionOnEveryInstance() {
        PageClient one = client().signIn("user@test.edu");
        PageClient two = new PageClient(OTHER.getLocalPort()).signIn("user@test.edu");
        PageClient three = client().signIn("user@test.edu");
        PageClient someoneElse = client().signIn("admin@test.edu");
        three.get("/dashboard");
        PageClient.Page out = three.post("/users/sign_out_everywhere", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
        for (PageClient c : List.of(one, two, three)) {
            assertThat(c.get("/dashboard").status()).isEqualTo(303);
        }
        assertThat(someoneElse.get("/dashboard").status()).isEqualTo(200);
    }

    @Test
    void eachSessionRecordsItsClientAndOnlyTheNoncesHash() throws SQLException {
        PageClient c = client();
        c.get("/users/sign_in");
        c.postRaw("/users/sign_in", PageClient.form("email", "admin@inst1.edu", "password", "password",
                "csrf_token", c.lastCsrfToken()), Map.of("User-Agent", "SessionTest/1.0"));
        String cookie = c.cookie(SessionCookies.NAME).orElseThrow();
        List<String> rows = new ArrayList<>();
        try (Connection conn = DB.connect(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT ip, user_agent, encode(token_hash, 'hex'), revoked_at"
                     + " FROM web_sessions WHERE user_agent = 'SessionTest/1.0'")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3).length() + "|"
                        + rs.getString(4));
                assertThat(cookie).doesNotContain(rs.getString(3));
            }
        }
        assertThat(rows).containsExactly("127.0.0.1|SessionTest/1.0|64|null");
    }
}
