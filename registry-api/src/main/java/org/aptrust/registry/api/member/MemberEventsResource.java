package org.aptrust.registry.api.member;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiAuthenticated;
import org.aptrust.registry.api.auth.ApiKeyFilter;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.db.dao.PremisEventDao;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.list.ListReader;

/** GET /member-api/v3/events (premis_events_view, newest first) and /events/show/:id_or_uuid. */
@Path("/member-api/v3/events")
@Produces(MediaType.APPLICATION_JSON)
@ApiAuthenticated
public class MemberEventsResource {

    protected final PremisEventDao events;
    protected final ListReader<PremisEvent> eventList;

    public MemberEventsResource(PremisEventDao events, ListReader<PremisEvent> eventList) {
        this.events = events;
        this.eventList = eventList;
    }

    @GET
    public ListEnvelope<PremisEvent> list(@Context UriInfo uri, @Context SecurityContext security) {
        return Listing.page(eventList, uri, ApiKeyFilter.caller(security).scope());
    }

    @GET
    @Path("/show/{id: .+}")
    public PremisEvent show(@PathParam("id") String id, @Context SecurityContext security) {
        return Shown.visible(Shown.byIdOrIdentifier(id, events::find, events::findByIdentifier),
                PremisEvent::institutionId, ApiKeyFilter.caller(security), "event");
    }
}
