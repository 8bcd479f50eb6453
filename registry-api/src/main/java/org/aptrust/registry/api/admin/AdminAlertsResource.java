package org.aptrust.registry.api.admin;

import java.time.LocalDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.member.MemberAlertsResource;
import org.aptrust.registry.db.dao.AlertWrites;
import org.aptrust.registry.db.model.Alert;
import org.aptrust.registry.db.model.Role;

/** /admin-api/v3/alerts: the member reads, and the daily failed-fixity alerts. */
@Path("/admin-api/v3/alerts")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminAlertsResource extends MemberAlertsResource {

    private final AlertWrites writes;
    private final String publicUrl;

    public AdminAlertsResource(Owners owners, String publicUrl) {
        super(owners.daos().alerts(), owners.lists().alerts());
        this.writes = owners.writes().alerts();
        this.publicUrl = publicUrl;
    }

    /**
     * What a run reports, in the list envelope the original answers and the preservation services' client decodes:
     * count is the number of failed checks, results one summary per institution; then the run's window and the
     * alerts it created.
     */
    @JsonPropertyOrder({"count", "next", "previous", "results", "since", "until", "alerts"})
    public record FixityAlertsReport(long count, String next, String previous, List<FailedFixitySummary> results,
                                     LocalDateTime since, LocalDateTime until, List<Alert> alerts) {
    }

    /**
     * One institution's failed checks, under the original's field names. error is always "": the alerts of a run
     * are written in one transaction, so a run fails or succeeds whole (the original could fail per institution).
     */
    @JsonPropertyOrder({"failures", "institution_id", "institution_name", "institution_identifier", "error"})
    public record FailedFixitySummary(long failures, int institutionId, String institutionName,
                                      String institutionIdentifier, String error) {
        static FailedFixitySummary of(AlertWrites.FixityFailures f) {
            return new FailedFixitySummary(f.failures(), f.institutionId(), f.institutionName(),
                    f.institutionIdentifier(), "");
        }
    }

    /**
     * Alerts institutional admins (one alert per institution) and APTrust admins (one for all) about the fixity
     * checks that failed since the last run, and answers the summaries as a list (see {@link FixityAlertsReport}). 201 when alerts were created, 200 when there was nothing to report,
     * 409 when it already ran today (UTC) or is running.
     */
    @POST
    @Path("/generate_failed_fixity_alerts")
    public Response generateFailedFixityAlerts(@Auth ApiCaller caller) {
        AlertWrites.FixityAlertRun run = writes.generateFailedFixityAlerts(publicUrl);
        List<Alert> created = run.alertIds().stream().map(id -> alerts.find(id).orElseThrow()).toList();
        long failures = run.summaries().stream().mapToLong(AlertWrites.FixityFailures::failures).sum();
        FixityAlertsReport report = new FixityAlertsReport(failures, "", "",
                run.summaries().stream().map(FailedFixitySummary::of).toList(), run.since(), run.until(), created);
        return Response.status(created.isEmpty() ? Response.Status.OK : Response.Status.CREATED).entity(report)
                .build();
    }
}
