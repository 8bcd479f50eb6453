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
import org.aptrust.registry.db.dao.WorkItemDao;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.db.list.ListReader;

/** GET /member-api/v3/items (work_items_view, last updated first) and /items/show/:id. */
@Path("/member-api/v3/items")
@Produces(MediaType.APPLICATION_JSON)
@ApiAuthenticated
public class MemberItemsResource {

    protected final WorkItemDao items;
    protected final ListReader<WorkItem> itemList;

    public MemberItemsResource(WorkItemDao items, ListReader<WorkItem> itemList) {
        this.items = items;
        this.itemList = itemList;
    }

    @GET
    public ListEnvelope<WorkItem> list(@Context UriInfo uri, @Context SecurityContext security) {
        return Listing.page(itemList, uri, ApiKeyFilter.caller(security).scope());
    }

    @GET
    @Path("/show/{id}")
    public WorkItem show(@PathParam("id") String id, @Context SecurityContext security) {
        return Shown.visible(items.find(Shown.requireId(id, "work item")), WorkItem::institutionId,
                ApiKeyFilter.caller(security), "work item");
    }
}
