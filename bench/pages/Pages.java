import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/pages/run's client: finds the largest object (by files), one of its digests, its institution and an
 * institutional user there, then times each request over HTTP. Arguments: HTTP port, runs.
 */
public class Pages {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static final String ADMIN = "bench-admin@aptrust.org";
    /** bcrypt of "password", the demo users' password. */
    static final String PASSWORD_HASH = "$2a$10$ltWSm3LpO12w.uW9th/R4OlGZrRnfwn.7AhZLbK/mAid4oq1GdDDW";

    record Target(String label, String who, String path) {
    }

    public static void main(String[] args) throws Exception {
        base = "http://127.0.0.1:" + args[0];
        int runs = Integer.parseInt(args[1]);
        long object;
        long institution;
        long objectFiles;
        String digest;
        String fragment;
        String member;
        String largestInstitution;
        try (Connection c = DriverManager.getConnection(System.getenv("REGISTRY_DB_URL"),
                System.getenv("REGISTRY_DB_USER"), System.getenv("REGISTRY_DB_PASSWORD"));
             Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT intellectual_object_id, count(*) FROM generic_files"
                    + " GROUP BY 1 ORDER BY 2 DESC LIMIT 1");
            rs.next();
            object = rs.getLong(1);
            objectFiles = rs.getLong(2);
            rs = st.executeQuery("SELECT f.institution_id, c.digest, f.identifier FROM generic_files f"
                    + " JOIN checksums c ON c.generic_file_id = f.id WHERE f.id = (SELECT max(id) FROM generic_files"
                    + " WHERE intellectual_object_id = " + object + ") LIMIT 1");
            rs.next();
            institution = rs.getLong(1);
            digest = rs.getString(2);
            String identifier = rs.getString(3);
            // a part of a file name that a few of the object's files share (its last characters but one)
            fragment = identifier.substring(Math.max(0, identifier.length() - 6), identifier.length() - 1);
            rs = st.executeQuery("SELECT email FROM users WHERE institution_id = " + institution
                    + " AND deactivated_at IS NULL AND NOT coalesce(otp_required_for_login, false)"
                    + " ORDER BY role = 'institutional_user' DESC, id LIMIT 1");
            member = rs.next() ? rs.getString(1) : null;
            // db seed makes institutional users only: an APTrust admin for the admin's pages and the API (its
            // password and API key are "password", as the demo users').
            st.executeUpdate("INSERT INTO users (id, name, email, created_at, updated_at, encrypted_password,"
                    + " encrypted_api_secret_key, institution_id, role, email_verified, initial_password_updated,"
                    + " account_confirmed, password_changed_at)"
                    + " SELECT (SELECT max(id) + 1 FROM users), 'Benchmark Admin', '" + ADMIN + "', now(), now(),"
                    + " '" + PASSWORD_HASH + "', '" + PASSWORD_HASH + "', i.id, 'admin', true, true, true, now()"
                    + " FROM institutions i WHERE i.identifier = 'aptrust.org'"
                    + " AND NOT EXISTS (SELECT 1 FROM users WHERE email = '" + ADMIN + "')");
            rs = st.executeQuery("SELECT institution_id FROM intellectual_objects GROUP BY 1 ORDER BY count(*) DESC"
                    + " LIMIT 1");
            rs.next();
            largestInstitution = rs.getString(1);
        }
        System.out.printf("largest object %d (%,d files, institution %d); member %s; largest institution %s%n",
                object, objectFiles, institution, member, largestInstitution);
        String o = String.valueOf(object);
        String i = largestInstitution;
        List<Target> targets = new ArrayList<>(List.of(
                new Target("object page", "admin", "/objects/show/" + o),
                new Target("object page, files page 200", "admin", "/objects/show/" + o + "?file_page=200"),
                new Target("object page, file search by identifier part", "admin",
                        "/objects/show/" + o + "?file_filter=" + enc(fragment)),
                new Target("object page, file search by digest", "admin",
                        "/objects/show/" + o + "?file_filter=" + enc(digest)),
                new Target("object page, deleted files", "admin", "/objects/show/" + o + "?file_state=D"),
                new Target("object files fragment, page 2", "admin", "/objects/files/" + o + "?page=2"),
                new Target("object events fragment", "admin", "/objects/events/" + o),
                new Target("files page of the object", "admin", "/files?intellectual_object_id=" + o),
                new Target("events page of the object", "admin", "/events?intellectual_object_id=" + o),
                new Target("work items page by institution name", "admin", "/work_items?sort=institution_name__asc"),
                new Target("API events of the object, own events, date desc", "api",
                        "/member-api/v3/events?intellectual_object_id=" + o
                                + "&generic_file_id__is_null=true&sort=date_time__desc"),
                new Target("API events of the object", "api", "/member-api/v3/events?intellectual_object_id=" + o),
                new Target("API files of the object by last fixity", "api",
                        "/member-api/v3/files?intellectual_object_id=" + o + "&sort=last_fixity_check__asc"),
                new Target("API active files of the object by identifier desc", "api",
                        "/member-api/v3/files?intellectual_object_id=" + o + "&state=A&sort=identifier__desc"),
                new Target("API files of the largest institution by identifier", "api",
                        "/member-api/v3/files?institution_id=" + i + "&sort=identifier__asc"),
                new Target("API events of the largest institution by outcome desc", "api",
                        "/member-api/v3/events?institution_id=" + i + "&sort=outcome__desc"),
                new Target("API checksums of the object by created_at", "api",
                        "/member-api/v3/checksums?intellectual_object_id=" + o + "&sort=created_at__asc"),
                new Target("API work items by institution name", "api", "/member-api/v3/items?sort=institution_name__asc"),
                new Target("API work items by institution name desc", "api",
                        "/member-api/v3/items?sort=institution_name__desc"),
                new Target("API work items of the largest institution by name desc", "api",
                        "/member-api/v3/items?institution_id=" + i + "&sort=institution_name__desc"),
                new Target("API work items by institution name, page 500", "api",
                        "/member-api/v3/items?sort=institution_name__asc&page=500"),
                new Target("API storage records (all)", "api", "/admin-api/v3/storage_records")));
        if (member != null) {
            targets.add(1, new Target("object page as a member", "member", "/objects/show/" + o));
            targets.add(2, new Target("object page as a member, file search by digest", "member",
                    "/objects/show/" + o + "?file_filter=" + enc(digest)));
        }
        Map<String, String> cookies = new java.util.HashMap<>();
        cookies.put("admin", signIn(ADMIN));
        if (member != null) {
            cookies.put("member", signIn(member));
        }
        System.out.println("| request | status | median ms | worst ms |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (Target t : targets) {
            int status = get(t, cookies); // the warm-up
            List<Double> times = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                status = get(t, cookies);
                times.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(times);
            System.out.printf("| %s (%s) | %d | %.1f | %.1f |%n", t.label(), t.who(), status,
                    times.get(times.size() / 2), times.get(times.size() - 1));
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int get(Target t, Map<String, String> cookies) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + t.path())).timeout(Duration.ofMinutes(2));
        if (t.who().equals("api")) {
            b.header("X-Pharos-API-User", ADMIN).header("X-Pharos-API-Key", "password");
        } else {
            b.header("Cookie", cookies.get(t.who()));
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode();
    }

    static String signIn(String email) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/users/sign_in")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anon = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String body = "email=" + enc(email) + "&password=password&csrf_token=" + m.group(1);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/users/sign_in"))
                .header("Cookie", anon).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aptrust_session="))
                .findFirst().orElseThrow(() -> new IllegalStateException("sign-in of " + email + " failed: "
                        + r.statusCode()))
                .split(";")[0];
    }
}
