package org.aptrust.registry.api.admin;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.auth.AdminOnly;
import org.aptrust.registry.api.auth.ApiAuthenticated;
import org.aptrust.registry.api.member.MemberAlertsResource;
import org.aptrust.registry.db.dao.AlertWrites;
import org.aptrust.registry.db.model.Alert;

/** /admin-api/v3/alerts: the member reads, and the daily failed-fixity alerts. */
@Path("/admin-api/v3/alerts")
@ApiAuthenticated
@AdminOnly
public class AdminAlertsResource extends MemberAlertsResource {

    private final AlertWrites writes;
    private final String publicUrl;

    public AdminAlertsResource(Owners owners, String publicUrl) {
        super(owners.daos().alerts());
        this.writes = owners.writes().alerts();
        this.publicUrl = publicUrl;
    }

    /** What a run reports: its window, the failures per institution and the alerts it created. */
    public record FixityAlertsReport(LocalDateTime since, LocalDateTime until,
                                     List<AlertWrites.FixityFailures> summaries, List<Alert> alerts) {
    }

    /**
     * Alerts institutional admins (one alert per institution) and APTrust admins (one for all) about the fixity
     * checks that failed since the last run. 201 when alerts were created, 200 when there was nothing to report,
     * 409 when it already ran today (UTC) or is running.
     */
    @POST
    @Path("/generate_failed_fixity_alerts")
    public Response generateFailedFixityAlerts() {
        AlertWrites.FixityAlertRun run = writes.generateFailedFixityAlerts(publicUrl);
        List<Alert> created = run.alertIds().stream().map(id -> alerts.find(id).orElseThrow()).toList();
        FixityAlertsReport report = new FixityAlertsReport(run.since(), run.until(), run.summaries(), created);
        return Response.status(created.isEmpty() ? Response.Status.OK : Response.Status.CREATED).entity(report)
                .build();
    }
}
