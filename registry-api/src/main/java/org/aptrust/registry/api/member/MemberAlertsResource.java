package org.aptrust.registry.api.member;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.db.dao.AlertDao;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Alert;
import org.aptrust.registry.db.list.ListReader;

/**
 * GET /member-api/v3/alerts (alerts_view, newest first) and /alerts/show/:id/:user_id. A non-admin sees only the
 * alerts addressed to them; an admin sees every recipient's.
 */
@Path("/member-api/v3/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class MemberAlertsResource {

    protected final AlertDao alerts;
    protected final ListReader<Alert> alertList;

    public MemberAlertsResource(AlertDao alerts, ListReader<Alert> alertList) {
        this.alerts = alerts;
        this.alertList = alertList;
    }

    @GET
    public ListEnvelope<Alert> list(@Context UriInfo uri, @Auth ApiCaller caller) {
        Scope scope = caller.isAdmin() ? Scope.ALL : new Scope(caller.institutionId(), caller.userId());
        return Listing.page(alertList, uri, scope);
    }

    @GET
    @Path("/show/{id}/{user_id}")
    public Alert show(@PathParam("id") String id, @PathParam("user_id") String userId,
                      @Auth ApiCaller caller) {
        long alertId = Shown.requireId(id, "alert");
        int recipient = Shown.requireId(userId, "alert");
        return Shown.visible(alerts.find(alertId, recipient)
                        .filter(a -> caller.isAdmin() || a.userId() != null && a.userId() == caller.userId()),
                Alert::institutionId, caller, "alert");
    }
}
