package org.aptrust.registry.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST /admin-api/v3/alerts/generate_failed_fixity_alerts (reference §6.4): one alert per institution with
 * failures to its institutional admins, one for APTrust admins (not the system account) covering all, each linked
 * to its failed events; 201 when alerts were made, 200 when there was nothing to report, 409 the second time in a
 * UTC day. The window starts at the last run, which the test sets to just before today, so the fixtures (all
 * older) fall outside it whatever the date.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FailedFixityAlertsTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = ApiTestApp.on(DB);

    private static final String SET_LAST_RUN_BEFORE_TODAY = "INSERT INTO ar_internal_metadata"
            + " (key, value, created_at, updated_at) VALUES ('fixity alerts last run',"
            + " to_char(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '1 second',"
            + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), now(), now())"
            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private static ApiClient admin() {
        return ApiClient.as(APP.getLocalPort(), "system@aptrust.org");
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertsInstitutionAdminsAndAptrustOncePerDay() {
        ApiTestApp.execute(DB, SET_LAST_RUN_BEFORE_TODAY);
        long failuresBefore = ApiTestApp.count(DB, "SELECT count(*) FROM premis_events WHERE event_type ="
                + " 'fixity check' AND outcome = 'Failed' AND date_time >= date_trunc('day', now() AT TIME ZONE 'UTC')");
        assertThat(failuresBefore).isZero();
        ApiClient.Reply nothing = admin().post("/admin-api/v3/alerts/generate_failed_fixity_alerts", "");
        assertThat(nothing.status()).as(nothing.toString()).isEqualTo(200);
        assertThat((List<Object>) nothing.json().get("alerts")).isEmpty();
        assertThat(admin().post("/admin-api/v3/alerts/generate_failed_fixity_alerts", "").status()).isEqualTo(409);

        ApiTestApp.execute(DB, SET_LAST_RUN_BEFORE_TODAY);
        long alertsBefore = ApiTestApp.count(DB, "SELECT count(*) FROM alerts");
        String now = Bodies.utc(-5);
        int e1 = (Integer) admin().post("/admin-api/v3/events/create",
                Bodies.event(2, 1, 1, "fixity check", "Failed", now)).json().get("id");
        int e2 = (Integer) admin().post("/admin-api/v3/events/create",
                Bodies.event(2, 1, 2, "fixity check", "Failed", now)).json().get("id");
        int e3 = (Integer) admin().post("/admin-api/v3/events/create",
                Bodies.event(4, 13, 62, "fixity check", "Failed", now)).json().get("id");
        admin().post("/admin-api/v3/events/create", Bodies.event(4, 13, 63, "fixity check", "Success", now));

        ApiClient.Reply r = admin().post("/admin-api/v3/alerts/generate_failed_fixity_alerts", "");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().keySet()).startsWith("count", "next", "previous", "results");
        assertThat(r.json()).containsEntry("next", "").containsEntry("previous", "");
        List<Map<String, Object>> summaries = (List<Map<String, Object>>) r.json().get("results");
        assertThat(r.count()).isEqualTo(summaries.stream().mapToLong(s -> ((Number) s.get("failures")).longValue())
                .sum());
        assertThat(summaries).allSatisfy(s -> assertThat(s).containsEntry("error", "")
                .containsKeys("institution_name"));
        assertThat(summaries).extracting(s -> s.get("institution_id") + ":" + s.get("failures"))
                .containsExactly("2:2", "4:1");
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) r.json().get("alerts");
        assertThat(alerts).extracting(a -> a.get("institution_id")).containsExactly(2, 4, 1);
        assertThat(alerts).allSatisfy(a -> assertThat(a.get("type")).isEqualTo("Failed Fixity Check"));
        assertThat(ApiTestApp.count(DB, "SELECT count(*) FROM alerts")).isEqualTo(alertsBefore + 3);

        Object inst2Alert = alerts.get(0).get("id");
        Object aptrustAlert = alerts.get(2).get("id");
        assertThat(ApiTestApp.column(DB, "SELECT user_id FROM alerts_users WHERE alert_id = " + inst2Alert
                + " ORDER BY user_id")).containsExactly("2", "3");
        assertThat(ApiTestApp.column(DB, "SELECT user_id FROM alerts_users WHERE alert_id = " + alerts.get(1).get("id")))
                .containsExactly("10");
        assertThat(ApiTestApp.column(DB, "SELECT user_id FROM alerts_users WHERE alert_id = " + aptrustAlert))
                .containsExactly("13");
        assertThat(ApiTestApp.column(DB, "SELECT premis_event_id FROM alerts_premis_events WHERE alert_id = "
                + inst2Alert + " ORDER BY 1")).containsExactly(String.valueOf(e1), String.valueOf(e2));
        assertThat(ApiTestApp.column(DB, "SELECT premis_event_id FROM alerts_premis_events WHERE alert_id = "
                + aptrustAlert + " ORDER BY 1")).containsExactly(String.valueOf(e1), String.valueOf(e2),
                String.valueOf(e3));
        assertThat(ApiTestApp.value(DB, "SELECT content FROM alerts WHERE id = " + inst2Alert))
                .contains("2 failed fixity check(s)")
                .contains("http://localhost:8080/events?event_type=fixity+check&outcome=Failed&institution_id=2");

        ApiClient.Reply again = admin().post("/admin-api/v3/alerts/generate_failed_fixity_alerts", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("already generated today");
        // The recipients see them in the member API.
        assertThat(ApiClient.as(APP.getLocalPort(), "admin@test.edu").get("/member-api/v3/alerts?type=Failed+Fixity+Check")
                .count()).isEqualTo(1);
    }
}
