package org.aptrust.registry.api.admin;

import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.BodyRules;
import org.aptrust.registry.api.member.MemberChecksumsResource;
import org.aptrust.registry.db.dao.ChecksumWrites;
import org.aptrust.registry.db.model.Role;

/**
 * /admin-api/v3/checksums: the member reads, and create. Checksums are insert-only for every role
 * ({@link InsertOnly}).
 */
@Path("/admin-api/v3/checksums")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminChecksumsResource extends MemberChecksumsResource implements InsertOnly {

    static final String INSERT_ONLY = "checksums are insert-only: they can be neither changed nor deleted";

    private final Owners owners;
    private final AdminWrite<ChecksumWrites.NewChecksum> write;

    public AdminChecksumsResource(Owners owners, ObjectMapper mapper) {
        super(owners.daos().checksums(), owners.lists().checksums());
        this.owners = owners;
        this.write = AdminWrite.insertOnly(owners, mapper, ChecksumWrites.NewChecksum.class, "checksum",
                "admin-api/v3/checksums");
    }

    @POST
    @Path("/create/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth ApiCaller caller, @PathParam("institution_id") String institutionId, InputStream body,
                           @Context UriInfo uri) {
        var checked = write.create(owners.institution(institutionId), body, (v, in, institution) -> {
            BodyRules.checksum(v, "", in);
            owners.file(v, "generic_file_id", in.genericFileId(), institution.id());
            return in.genericFileId();
        });
        int id = owners.writes().checksums().insert(checked.in(), checked.values());
        return write.created(uri, id, write.sentTimes(checksums.find(id).orElseThrow())
                .with("datetime", checked.in().datetime()).node());
    }

    @Override
    public String insertOnlyReason() {
        return INSERT_ONLY;
    }
}
