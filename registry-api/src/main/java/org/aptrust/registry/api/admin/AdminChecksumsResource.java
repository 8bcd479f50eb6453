package org.aptrust.registry.api.admin;

import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.ApiJson;
import org.aptrust.registry.api.json.ChecksumInput;
import org.aptrust.registry.api.json.InputValidation;
import org.aptrust.registry.api.json.SentTimes;
import org.aptrust.registry.api.member.MemberChecksumsResource;
import org.aptrust.registry.db.dao.ChecksumWrites;
import org.aptrust.registry.db.model.Role;

/** /admin-api/v3/checksums: the member reads, and create. Checksums are insert-only for every role. */
@Path("/admin-api/v3/checksums")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminChecksumsResource extends MemberChecksumsResource {

    static final String INSERT_ONLY = "checksums are insert-only: they can be neither changed nor deleted";

    private final Owners owners;
    private final ObjectReader reader;
    private final ObjectMapper mapper;

    public AdminChecksumsResource(Owners owners, ObjectMapper mapper) {
        super(owners.daos().checksums(), owners.lists().checksums());
        this.owners = owners;
        this.reader = ApiJson.bodyReader(mapper, ChecksumInput.class);
        this.mapper = mapper;
    }

    @POST
    @Path("/create/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth ApiCaller caller, @PathParam("institution_id") String institutionId, InputStream body,
                           @Context UriInfo uri) {
        int institution = owners.institution(institutionId).id();
        ChecksumInput in = ApiJson.read(reader, body);
        InputValidation v = owners.validation();
        ChecksumWrites.NewChecksum checksum = in.validate(v, "", in.genericFileId());
        owners.file(v, "generic_file_id", in.genericFileId(), institution);
        v.failIfAny();
        int id = owners.writes().checksums().insert(checksum);
        return Owners.created(uri, "admin-api/v3/checksums/show", id,
                SentTimes.of(mapper, checksums.find(id).orElseThrow()).with("datetime", in.datetime()).node());
    }

    @PUT
    @Path("/update/{id}")
    public Response update(@Auth ApiCaller caller, @PathParam("id") String id) {
        throw ApiException.notAllowed(INSERT_ONLY);
    }

    @DELETE
    @Path("/delete/{id}")
    public Response delete(@Auth ApiCaller caller, @PathParam("id") String id) {
        throw ApiException.notAllowed(INSERT_ONLY);
    }
}
