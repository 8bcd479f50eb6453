package org.aptrust.registry.api.admin;

import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.InputValidation;
import org.aptrust.registry.api.json.BodyRules;
import org.aptrust.registry.api.member.MemberEventsResource;
import org.aptrust.registry.db.dao.GenericFileWrites;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.PremisEventWrites;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.Role;

/**
 * /admin-api/v3/events: the member reads, and create. A fixity check event also sets its file's
 * last_fixity_check. Events are insert-only for every role ({@link InsertOnly}).
 */
@Path("/admin-api/v3/events")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminEventsResource extends MemberEventsResource implements InsertOnly {

    static final String INSERT_ONLY = "PREMIS events are insert-only: they can be neither changed nor deleted";

    private final Owners owners;
    private final AdminWrite<PremisEventWrites.NewEvent> write;

    public AdminEventsResource(Owners owners, ObjectMapper mapper) {
        super(owners.daos().events(), owners.lists().events());
        this.owners = owners;
        this.write = AdminWrite.insertOnly(owners, mapper, PremisEventWrites.NewEvent.class, "event",
                "admin-api/v3/events");
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth ApiCaller caller, InputStream body, @Context UriInfo uri) {
        var checked = write.create(null, body, this::check);
        PremisEventWrites.NewEvent in = checked.in();
        if (owners.writes().events().identifierExists(in.identifier())) {
            throw ApiException.conflict("an event with identifier " + in.identifier() + " already exists");
        }
        int id = owners.writes().events().record(in, checked.values());
        return write.created(uri, id,
                write.sentTimes(events.find(id).orElseThrow()).with("date_time", in.dateTime()).node());
    }

    /** The body names its institution, object and file: each must exist and belong to the one before. */
    private PremisEventWrites.Owner check(InputValidation v, PremisEventWrites.NewEvent in, Institution none) {
        Institution institution = null;
        if (v.required("institution_id", in.institutionId())) {
            institution = owners.daos().institutions().find(in.institutionId()).orElse(null);
            v.check(institution != null, "institution_id", "there is no institution " + in.institutionId(),
                    "an institution's id");
        }
        int institutionId = institution == null ? 0 : institution.id();
        IntellectualObjectWrites.StoredObject object = null;
        if (institution != null && v.required("intellectual_object_id", in.intellectualObjectId())) {
            object = owners.object(v, "intellectual_object_id", in.intellectualObjectId(), institutionId);
        }
        Integer fileId = in.genericFileId() == null || in.genericFileId() <= 0 ? null : in.genericFileId();
        if (object != null && fileId != null) {
            GenericFileWrites.StoredFile file = owners.file(v, "generic_file_id", fileId, institutionId);
            if (file != null) {
                v.check(file.intellectualObjectId() == object.id(), "generic_file_id", "file " + fileId
                        + " does not belong to object " + object.id(), "a file of object " + object.id());
            }
        }
        BodyRules.event(v, "", in);
        return new PremisEventWrites.Owner(object == null ? 0 : object.id(), fileId, institutionId);
    }

    @Override
    public String insertOnlyReason() {
        return INSERT_ONLY;
    }
}
