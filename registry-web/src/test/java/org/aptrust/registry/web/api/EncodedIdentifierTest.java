package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Show routes take identifiers in place of ids, with their slashes raw or encoded as %2F (which Jetty 12 refuses
 * unless told otherwise), and with spaces, question marks, quotes, percent and hash signs and non-Latin letters
 * percent-encoded.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EncodedIdentifierTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient client(String user) {
        return ApiClient.as(APP.getLocalPort(), user);
    }

    /** Percent-encodes every byte except RFC 3986 unreserved characters and, when asked, the slash. */
    static String encode(String identifier, boolean keepSlashes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : identifier.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlashes && c == '/');
            sb.append(unreserved ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "file {0}")
    @CsvSource(delimiter = '|', value = {
        "27|institution1.edu/international_docs/data/Annual Report 2021.pdf",
        "28|institution1.edu/international_docs/data/résumé café.txt",
        "29|institution1.edu/international_docs/data/日本/東京の写真.jpg",
        "30|institution1.edu/international_docs/data/what's new?.txt",
        "31|institution1.edu/international_docs/data/the \"final\" version.txt",
        "32|institution1.edu/international_docs/data/100% done #2.txt",
        "4|institution1.edu/photo_collection_2016/data/images/photo_001.jpg"})
    void filesByIdentifierWithSlashesRawOrEncoded(int id, String identifier) {
        for (String user : new String[]{"system@aptrust.org", "user@inst1.edu"}) {
            for (String api : new String[]{"/member-api/v3", "/admin-api/v3"}) {
                if (api.startsWith("/admin") && !user.startsWith("system")) {
                    continue;
                }
                ApiClient.Reply encoded = client(user).get(api + "/files/show/" + encode(identifier, false));
                assertThat(encoded.status()).as(encoded.toString()).isEqualTo(200);
                assertThat(encoded.json().get("id")).isEqualTo(id);
                assertThat(encoded.json().get("identifier")).isEqualTo(identifier);
                ApiClient.Reply raw = client(user).get(api + "/files/show/" + encode(identifier, true));
                assertThat(raw.status()).as(raw.toString()).isEqualTo(200);
                assertThat(raw.json().get("id")).isEqualTo(id);
            }
        }
    }

    @Test
    void objectsByIdOrIdentifier() {
        ApiClient admin = client("system@aptrust.org");
        for (String path : new String[]{"4", "institution1.edu/theses_2020", "institution1.edu%2Ftheses_2020",
            "institution1.edu%2ftheses_2020"}) {
            ApiClient.Reply r = admin.get("/member-api/v3/objects/show/" + path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.json().get("id")).as(path).isEqualTo(4);
        }
        assertThat(client("user@inst1.edu").get("/member-api/v3/objects/show/institution1.edu%2Ftheses_2020")
                .json().get("id")).isEqualTo(4);
        assertThat(admin.get("/member-api/v3/objects/show/institution1.edu%2Fno_such_bag").status()).isEqualTo(404);
    }

    @Test
    void eventsByUuidAndInstitutionsByDomain() {
        ApiClient admin = client("system@aptrust.org");
        assertThat(admin.get("/member-api/v3/events/show/97237824-0f01-487b-a206-e36e57d53cde").json().get("id"))
                .isEqualTo(9);
        assertThat(admin.get("/admin-api/v3/events/show/97237824-0f01-487b-a206-e36e57d53cde").json().get("id"))
                .isEqualTo(9);
        assertThat(admin.get("/admin-api/v3/institutions/show/institution2.edu").json().get("id")).isEqualTo(3);
        assertThat(admin.get("/admin-api/v3/institutions/show/3").json().get("identifier"))
                .isEqualTo("institution2.edu");
    }

    @Test
    void encodedSlashesDoNotOpenOtherAmbiguities() {
        // %2F is allowed; encoded dot segments are still refused by Jetty, so no path can climb out of the API.
        ApiClient admin = client("system@aptrust.org");
        assertThat(admin.get("/member-api/v3/objects/show/%2e%2e/%2e%2e/admin-api/v3/objects").status())
                .isEqualTo(400);
        // An identifier that is only an encoded slash is simply not found.
        assertThat(admin.get("/member-api/v3/objects/show/%2F").status()).isEqualTo(404);
    }
}
