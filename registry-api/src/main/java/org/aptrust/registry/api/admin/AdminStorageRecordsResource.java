package org.aptrust.registry.api.admin;

import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.BodyRules;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.api.member.Listing;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.dao.StorageRecordWrites;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.StorageRecord;

/**
 * /admin-api/v3/storage_records: list (newest first, filter generic_file_id), show and create. Saving a copy the
 * file already has answers 200 with the existing record instead of a duplicate.
 */
@Path("/admin-api/v3/storage_records")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminStorageRecordsResource {

    private final Owners owners;
    private final AdminWrite<StorageRecordWrites.NewStorageRecord> write;

    public AdminStorageRecordsResource(Owners owners, ObjectMapper mapper) {
        this.owners = owners;
        this.write = AdminWrite.insertOnly(owners, mapper, StorageRecordWrites.NewStorageRecord.class, "storage record",
                "admin-api/v3/storage_records");
    }

    @GET
    public ListEnvelope<StorageRecord> list(@Auth ApiCaller caller, @Context UriInfo uri) {
        return Listing.page(owners.lists().storageRecords(), uri, Scope.ALL);
    }

    @GET
    @Path("/show/{id}")
    public StorageRecord show(@Auth ApiCaller caller, @PathParam("id") String id) {
        return owners.daos().storageRecords().find(Shown.requireId(id, "storage record"))
                .orElseThrow(() -> ApiException.notFound("storage record"));
    }

    @POST
    @Path("/create/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth ApiCaller caller, @PathParam("institution_id") String institutionId, InputStream body,
                           @Context UriInfo uri) {
        StorageRecordWrites.NewStorageRecord in = write.create(owners.institution(institutionId), body,
                (v, r, institution) -> {
                    owners.file(v, "generic_file_id", r.genericFileId(), institution.id());
                    BodyRules.storageRecord(v, "", r);
                    return r;
                }).in();
        StorageRecordWrites.Saved saved = owners.writes().storageRecords().save(in.genericFileId(), in.storedUrl());
        StorageRecord record = owners.daos().storageRecords().find(saved.id()).orElseThrow();
        return saved.created() ? write.created(uri, saved.id(), record)
                : Response.ok(record).build();
    }
}
