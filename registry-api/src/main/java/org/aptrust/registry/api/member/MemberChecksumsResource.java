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
import org.aptrust.registry.db.dao.ChecksumDao;
import org.aptrust.registry.db.model.Checksum;
import org.aptrust.registry.db.list.ListReader;

/** GET /member-api/v3/checksums (checksums_view, newest datetime first) and /checksums/show/:id. */
@Path("/member-api/v3/checksums")
@Produces(MediaType.APPLICATION_JSON)
public class MemberChecksumsResource {

    protected final ChecksumDao checksums;
    protected final ListReader<Checksum> checksumList;

    public MemberChecksumsResource(ChecksumDao checksums, ListReader<Checksum> checksumList) {
        this.checksums = checksums;
        this.checksumList = checksumList;
    }

    @GET
    public ListEnvelope<Checksum> list(@Context UriInfo uri, @Auth ApiCaller caller) {
        return Listing.page(checksumList, uri, caller.scope());
    }

    @GET
    @Path("/show/{id}")
    public Checksum show(@PathParam("id") String id, @Auth ApiCaller caller) {
        return Shown.visible(checksums.find(Shown.requireId(id, "checksum")), Checksum::institutionId,
                caller, "checksum");
    }
}
