package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every API route, called by each kind of caller, answers the status reference §7 and our 404 choice give:
 * <ul>
 * <li>no key or a wrong key: 401, everywhere;</li>
 * <li>the admin API: role admin only, 403 for everyone else;</li>
 * <li>member lists: everyone authenticated gets 200, scoped to their institution;</li>
 * <li>member shows of institution 2's records: 200 for institution 2's users and admins, 404 for another
 * institution's user (the record is not revealed to exist).</li>
 * </ul>
 * The admin's own answer is the route's real one (200, 201, 405 for the insert-only refusals, 409 for deletions
 * nobody approved).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiAuthorizationMatrixTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    // The matrix sends hundreds of wrong keys on purpose: it checks who is refused, not the throttle
    // (ApiKeyThrottleTest does), so the throttle starts as late as the setting allows.
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB,
            ConfigOverride.config("api.keyFailuresBeforeDelay", "1000"));

    /** The callers of the matrix; institution 2 owns every record the show routes name. */
    enum Caller {
        ADMIN("system@aptrust.org", "password"),
        INSTITUTIONAL_ADMIN("admin@inst1.edu", "password"),
        INSTITUTIONAL_USER("user@inst1.edu", "password"),
        OTHER_INSTITUTIONS_USER("user@inst2.edu", "password"),
        NO_KEY(null, null),
        WRONG_KEY("user@inst1.edu", "not-the-key");

        final String email;
        final String key;

        Caller(String email, String key) {
            this.email = email;
            this.key = key;
        }
    }

    private record Route(String method, String path, Supplier<Object> body, int[] expected) {
        /** Expected statuses in the order of {@link Caller}. */
        static Route of(String method, String path, Supplier<Object> body, int... expected) {
            return new Route(method, path, body, expected);
        }
    }

    private static final int[] MEMBER_LIST = {200, 200, 200, 200, 401, 401};
    private static final int[] MEMBER_SHOW = {200, 200, 200, 404, 401, 401};

    private static int objectId;
    private static int fileId;
    private static int itemId;
    private static int restoredObjectId;

    @BeforeAll
    static void arrange() {
        ApiClient admin = ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
        objectId = (Integer) admin.post("/admin-api/v3/objects/create/2",
                Bodies.object(2, "institution1.edu/matrix_bag", "Standard")).json().get("id");
        fileId = (Integer) admin.post("/admin-api/v3/files/create/2",
                Bodies.file(2, objectId, "institution1.edu/matrix_bag/data/m.txt", "Standard")).json().get("id");
        restoredObjectId = (Integer) admin.post("/admin-api/v3/objects/create/2",
                Bodies.object(2, "institution1.edu/matrix_restored_bag", "Standard")).json().get("id");
        itemId = (Integer) admin.post("/admin-api/v3/items/create/2",
                Bodies.workItem(2, "matrix_bag.tar", "aptrust.receiving.institution1.edu")).json().get("id");
        ApiTestApp.execute(DB, "INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)"
                + " VALUES ('fixity alerts last run', to_char(date_trunc('day', now() AT TIME ZONE 'UTC')"
                + " - interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), now(), now())"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        String identifier = EncodedIdentifierTest.encode("institution1.edu/photo_collection_2016/bagit.txt", false);
        String[][] memberReads = {
            {"alerts", null}, {"checksums", "1"}, {"deletions", "1"}, {"files", "1"}, {"files", identifier},
            {"objects", "1"}, {"objects", "institution1.edu%2Fphoto_collection_2016"}, {"events", "1"},
            {"events", "5309c178-3485-4c6a-b59c-abf9bf8411a6"}, {"items", "1"}};
        for (String[] read : memberReads) {
            routes.add(Route.of("GET", "/member-api/v3/" + read[0], null, MEMBER_LIST));
            if (read[1] != null) {
                routes.add(Route.of("GET", "/member-api/v3/" + read[0] + "/show/" + read[1], null, MEMBER_SHOW));
            }
            routes.add(Route.of("GET", "/admin-api/v3/" + read[0], null, 200, 403, 403, 403, 401, 401));
            if (read[1] != null) {
                routes.add(Route.of("GET", "/admin-api/v3/" + read[0] + "/show/" + read[1], null,
                        200, 403, 403, 403, 401, 401));
            }
        }
        // Alert 12 went to user 4 (user@inst1.edu); another user's copy is not theirs to read.
        routes.add(Route.of("GET", "/member-api/v3/alerts/show/12/4", null, 200, 404, 200, 404, 401, 401));
        routes.add(Route.of("GET", "/admin-api/v3/alerts/show/12/4", null, 200, 403, 403, 403, 401, 401));
        for (String read : new String[]{"institutions", "institutions/show/2", "institutions/show/institution1.edu",
            "storage_records", "storage_records/show/1"}) {
            routes.add(Route.of("GET", "/admin-api/v3/" + read, null, 200, 403, 403, 403, 401, 401));
        }
        String uniq = "m" + System.nanoTime();
        routes.add(write("POST", "/admin-api/v3/checksums/create/2", 201,
                () -> Bodies.checksum(fileId, "md5", Bodies.hex(32))));
        routes.add(write("PUT", "/admin-api/v3/checksums/update/1", 405, () -> Map.of()));
        routes.add(write("DELETE", "/admin-api/v3/checksums/delete/1", 405, null));
        routes.add(write("POST", "/admin-api/v3/storage_records/create/2", 201,
                () -> Map.of("generic_file_id", fileId, "url", "https://s3.amazonaws.com/b/" + uniq)));
        routes.add(write("POST", "/admin-api/v3/events/create", 201,
                () -> Bodies.event(2, objectId, fileId, "ingestion", "Success", Bodies.utc(0))));
        routes.add(write("PUT", "/admin-api/v3/events/update/1", 405, () -> Map.of()));
        routes.add(write("DELETE", "/admin-api/v3/events/delete/1", 405, null));
        routes.add(write("POST", "/admin-api/v3/objects/create/2", 201,
                () -> Bodies.object(2, "institution1.edu/" + uniq, "Standard")));
        routes.add(write("PUT", "/admin-api/v3/objects/update/" + objectId, 200,
                () -> Bodies.object(2, "institution1.edu/matrix_bag", "Standard")));
        routes.add(write("DELETE", "/admin-api/v3/objects/delete/1", 409, null));
        routes.add(write("POST", "/admin-api/v3/objects/init_restore/" + restoredObjectId, 201, null));
        routes.add(write("POST", "/admin-api/v3/files/create/2", 201,
                () -> Bodies.file(2, objectId, "institution1.edu/matrix_bag/data/" + uniq + "-1", "Standard")));
        routes.add(write("POST", "/admin-api/v3/files/create_batch/2", 201,
                () -> Bodies.list(Bodies.file(2, objectId, "institution1.edu/matrix_bag/data/" + uniq + "-2",
                        "Standard"))));
        routes.add(write("PUT", "/admin-api/v3/files/update/" + fileId, 200,
                () -> Bodies.file(2, objectId, "institution1.edu/matrix_bag/data/m.txt", "Standard")));
        routes.add(write("DELETE", "/admin-api/v3/files/delete/13", 409, null));
        routes.add(write("POST", "/admin-api/v3/items/create/2", 201,
                () -> Bodies.workItem(2, uniq + ".tar", "aptrust.receiving.institution1.edu")));
        routes.add(write("PUT", "/admin-api/v3/items/update/" + itemId, 200,
                () -> Bodies.workItem(2, "matrix_bag.tar", "aptrust.receiving.institution1.edu")));
        routes.add(write("PUT", "/admin-api/v3/items/requeue/16", 200, () -> Map.of("stage", "Receive")));
        routes.add(write("POST", "/admin-api/v3/alerts/generate_failed_fixity_alerts", 200, () -> ""));
        return routes;
    }

    private static Route write(String method, String path, int adminStatus, Supplier<Object> body) {
        return Route.of(method, path, body, adminStatus, 403, 403, 403, 401, 401);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteForEveryCaller() {
        // Refused callers first, so that the admin's writes cannot change what the others would have seen.
        List<DynamicTest> tests = new ArrayList<>();
        List<Caller> order = new ArrayList<>(List.of(Caller.values()));
        order.remove(Caller.ADMIN);
        order.add(Caller.ADMIN);
        for (Route route : routes()) {
            for (Caller caller : order) {
                int expected = route.expected()[caller.ordinal()];
                tests.add(DynamicTest.dynamicTest(route.method() + " " + route.path() + " as " + caller + " -> "
                        + expected, () -> {
                            ApiClient client = ApiClient.as(APP.getLocalPort(), caller.email, caller.key);
                            Object body = route.body() == null ? null : route.body().get();
                            ApiClient.Reply r = client.send(route.method(), route.path(), body,
                                    body == null ? null : "application/json");
                            assertThat(r.status()).as(r.toString()).isEqualTo(expected);
                            if (expected >= 400) {
                                assertThat(r.json()).containsEntry("StatusCode", expected);
                            }
                        }));
            }
        }
        return tests.stream();
    }
}
