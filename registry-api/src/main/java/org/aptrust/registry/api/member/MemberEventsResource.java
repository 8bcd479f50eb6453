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
import org.aptrust.registry.db.dao.PremisEventDao;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.list.ListReader;

/** GET /member-api/v3/events (premis_events_view, newest first) and /events/show/:id_or_uuid. */
@Path("/member-api/v3/events")
@Produces(MediaType.APPLICATION_JSON)
public class MemberEventsResource {

    protected final PremisEventDao events;
    protected final ListReader<PremisEvent> eventList;

    public MemberEventsResource(PremisEventDao events, ListReader<PremisEvent> eventList) {
        this.events = events;
        this.eventList = eventList;
    }

    @GET
    public ListEnvelope<PremisEvent> list(@Context UriInfo uri, @Auth ApiCaller caller) {
        return Listing.page(eventList, uri, caller.scope());
    }

    @GET
    @Path("/show/{id: .+}")
    public PremisEvent show(@PathParam("id") String id, @Auth ApiCaller caller) {
        return Shown.visible(Shown.byIdOrIdentifier(id, events::find, events::findByIdentifier),
                PremisEvent::institutionId, caller, "event");
    }
}
