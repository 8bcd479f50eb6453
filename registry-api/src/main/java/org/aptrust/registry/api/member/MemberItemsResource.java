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
import org.aptrust.registry.db.dao.WorkItemDao;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.db.list.ListReader;

/** GET /member-api/v3/items (work_items_view, last updated first) and /items/show/:id. */
@Path("/member-api/v3/items")
@Produces(MediaType.APPLICATION_JSON)
public class MemberItemsResource {

    protected final WorkItemDao items;
    protected final ListReader<WorkItem> itemList;

    public MemberItemsResource(WorkItemDao items, ListReader<WorkItem> itemList) {
        this.items = items;
        this.itemList = itemList;
    }

    @GET
    public ListEnvelope<WorkItem> list(@Context UriInfo uri, @Auth ApiCaller caller) {
        return Listing.page(itemList, uri, caller.scope());
    }

    @GET
    @Path("/show/{id}")
    public WorkItem show(@PathParam("id") String id, @Auth ApiCaller caller) {
        return Shown.visible(items.find(Shown.requireId(id, "work item")), WorkItem::institutionId,
                caller, "work item");
    }
}
