package org.aptrust.registry.api.admin;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.auth.ApiCaller;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.ApiJson;
import org.aptrust.registry.api.json.BatchResult;
import org.aptrust.registry.api.json.BodyRules;
import org.aptrust.registry.api.json.FileRepresentation;
import org.aptrust.registry.api.json.InputValidation;
import org.aptrust.registry.api.json.SentTimes;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.api.member.Listing;
import org.aptrust.registry.api.member.MemberFilesResource;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.dao.ChecksumWrites;
import org.aptrust.registry.db.dao.GenericFileDao;
import org.aptrust.registry.db.dao.GenericFileWrites;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.PremisEventWrites;
import org.aptrust.registry.db.dao.StorageRecordWrites;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.Role;

/**
 * /admin-api/v3/files: the list with each file's checksums, events and storage records; show; create, create in
 * batches (one transaction, all or nothing), update and soft delete.
 */
@Path("/admin-api/v3/files")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class AdminFilesResource {

    /** The most files one batch may carry (the original's clients send 100 at a time). */
    static final int MAX_BATCH = 5_000;

    private final Owners owners;
    private final GenericFileDao files;
    private final ListReader<GenericFile> fileList;
    private final AdminWrite<GenericFileWrites.FileValues> write;
    private final ObjectReader batchReader;

    public AdminFilesResource(Owners owners, ObjectMapper mapper) {
        this.owners = owners;
        this.files = owners.daos().files();
        this.fileList = owners.lists().files();
        this.write = AdminWrite.of(owners, mapper, GenericFileWrites.FileValues.class, "file", "admin-api/v3/files",
                GenericFileWrites.FileValues::id, GenericFileWrites.FileValues::institutionId);
        this.batchReader = ApiJson.bodyReader(mapper, GenericFileWrites.FileValues[].class);
    }

    /** The original's admin list: table rows with their checksums, events and storage records. */
    @GET
    public ListEnvelope<FileRepresentation> list(@Auth ApiCaller caller, @Context UriInfo uri) {
        return Listing.page(fileList, uri, Scope.ALL).map(f -> representation(f.id()));
    }

    @GET
    @Path("/show/{id: .+}")
    public FileRepresentation show(@PathParam("id") String id, @Auth ApiCaller caller) {
        return MemberFilesResource.show(files, id, caller);
    }

    @POST
    @Path("/create/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response create(@Auth ApiCaller caller, @PathParam("institution_id") String institutionId,
                           InputStream body, @Context UriInfo uri) {
        int institution = owners.institution(institutionId).id();
        GenericFileWrites.FileValues in = write.readNew(body);
        List<Integer> ids = save(List.of(in), institution);
        return write.created(uri, ids.get(0),
                sentBack(in, representation(ids.get(0))));
    }

    /**
     * Saves a JSON array of files with their checksums, storage records and events in one transaction. Files with
     * an id are updated (a re-ingest), files without are created. Every file's institution must be the URL's.
     */
    @POST
    @Path("/create_batch/{institution_id}")
    @Consumes(MediaType.WILDCARD)
    public Response createBatch(@Auth ApiCaller caller, @PathParam("institution_id") String institutionId,
                                InputStream body) {
        int institution = owners.institution(institutionId).id();
        GenericFileWrites.FileValues[] batch = ApiJson.read(batchReader, body);
        if (batch.length == 0 || batch.length > MAX_BATCH) {
            throw ApiException.badRequest("body", "a batch carries 1 to " + MAX_BATCH + " files, not "
                    + batch.length, "a JSON array of 1 to " + MAX_BATCH + " files");
        }
        List<Integer> ids = save(java.util.Arrays.asList(batch), institution);
        List<ObjectNode> saved = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            saved.add(sentBack(batch[i], representation(ids.get(i))));
        }
        return Response.status(Response.Status.CREATED).entity(new BatchResult<>(saved.size(), saved)).build();
    }

    @PUT
    @Path("/update/{id}")
    @Consumes(MediaType.WILDCARD)
    public ObjectNode update(@Auth ApiCaller caller, @PathParam("id") String id, InputStream body) {
        var update = write.update(id, body, owners.writes().files()::find, (v, in, stored) -> {
            GenericFileWrites.FileValues values = checkFile(v, "", in, stored.institutionId());
            checkUnchanged(v, "", stored, values);
            return values;
        });
        owners.writes().files().updateFile(update.id(), update.values());
        return sentBack(update.in(), representation(update.id()));
    }

    /**
     * The stored file with its times, and those of the checksums and events it carried (found by digest and by
     * identifier), as the client sent them ({@link SentTimes}).
     */
    private ObjectNode sentBack(GenericFileWrites.FileValues in, FileRepresentation stored) {
        return write.sentTimes(stored).with("last_fixity_check", in.lastFixityCheck())
                .with("mtime", in.modTime())
                .withNested("checksums", "digest", digest -> in.checksums().stream()
                        .filter(c -> digest.equals(c.digest()) && c.datetime() != null).findFirst()
                        .map(c -> Map.of("datetime", c.datetime())).orElse(Map.of()))
                .withNested("premis_events", "identifier", identifier -> in.premisEvents().stream()
                        .filter(e -> identifier.equals(e.identifier()) && e.dateTime() != null).findFirst()
                        .map(e -> Map.of("date_time", e.dateTime())).orElse(Map.of()))
                .node();
    }

    /** Soft delete: state D, a deletion event, the storage records removed; refused with 409 unless allowed. */
    @DELETE
    @Path("/delete/{id}")
    public FileRepresentation delete(@Auth ApiCaller caller, @PathParam("id") String id) {
        int fileId = Shown.requireId(id, "file");
        owners.writes().files().find(fileId).orElseThrow(() -> ApiException.notFound("file"));
        owners.writes().files().softDelete(fileId);
        return representation(fileId);
    }

    private FileRepresentation representation(int fileId) {
        return files.detail(fileId).map(FileRepresentation::of).orElseThrow(() -> ApiException.notFound("file"));
    }

    /**
     * Checks every file of a batch (400 listing every problem, nothing written), then that no new file, uuid or
     * event identifier is taken (409), then saves all of it, {@link GenericFileWrites.FileValues#asWritten as
     * written}, in one transaction.
     */
    private List<Integer> save(List<GenericFileWrites.FileValues> batch, int institution) {
        InputValidation v = owners.validation();
        List<String> conflicts = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<GenericFileWrites.FileValues> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            GenericFileWrites.FileValues in = batch.get(i);
            String prefix = batch.size() == 1 ? "" : "[" + i + "].";
            if (in == null) {
                v.add(prefix.isEmpty() ? "body" : "[" + i + "]", "is null", "a file");
                continue;
            }
            GenericFileWrites.FileValues values = checkFile(v, prefix, in, institution);
            if (values.id() != null) {
                int id = values.id().intValue();
                owners.writes().files().find(id).ifPresentOrElse(
                        stored -> checkUnchanged(v, prefix, stored, values),
                        () -> v.add(prefix + "id", "there is no file " + id, "the id of a stored file, or 0"));
            } else {
                newFileConflicts(conflicts, prefix, values);
            }
            unique(v, seen, prefix + "identifier", "file identifier " + in.identifier());
            unique(v, seen, prefix + "uuid", "file uuid " + in.uuid());
            eachNew(in.checksums(), ChecksumWrites.NewChecksum::id, prefix + "checksums",
                    (p, c) -> BodyRules.checksum(v, p, c));
            eachNew(in.storageRecords(), StorageRecordWrites.NewStorageRecord::id, prefix + "storage_records",
                    (p, r) -> BodyRules.storageRecord(v, p, r));
            eachNew(in.premisEvents(), PremisEventWrites.NewEvent::id, prefix + "premis_events",
                    (p, e) -> checkEvent(v, conflicts, seen, p, e));
            rows.add(values);
        }
        v.failIfAny();
        if (!conflicts.isEmpty()) {
            throw ApiException.conflict(String.join("; ", conflicts));
        }
        return owners.writes().files().saveBatch(rows);
    }

    /** The file's own checks and its object's; returns the values to write. */
    private GenericFileWrites.FileValues checkFile(InputValidation v, String prefix, GenericFileWrites.FileValues in,
                                                   int institution) {
        Owners.sameInstitution(v, prefix + "institution_id", in.institutionId(), institution);
        BodyRules.file(v, prefix, in);
        IntellectualObjectWrites.StoredObject object = owners.object(v, prefix + "intellectual_object_id",
                in.intellectualObjectId(), institution);
        if (object != null && in.identifier() != null && !in.identifier().isBlank()) {
            String objectPrefix = object.identifier() + "/";
            v.warnUnless(in.identifier().startsWith(objectPrefix) && in.identifier().length()
                    > objectPrefix.length(), "file_identifier_form", prefix + "identifier", "'" + in.identifier()
                    + "' is not inside object " + object.identifier());
        }
        return in.asWritten(institution);
    }

    /** A stored file keeps its institution, identifier and object. */
    private static void checkUnchanged(InputValidation v, String prefix, GenericFileWrites.StoredFile stored,
                                       GenericFileWrites.FileValues values) {
        v.check(stored.identifier().equals(values.identifier()), prefix + "identifier",
                "a file's identifier never changes", stored.identifier());
        v.check(stored.intellectualObjectId() == values.intellectualObjectId(), prefix + "intellectual_object_id",
                "a file's object never changes", String.valueOf(stored.intellectualObjectId()));
        v.check(stored.institutionId() == values.institutionId(), prefix + "institution_id",
                "a file's institution never changes", String.valueOf(stored.institutionId()));
    }

    private void newFileConflicts(List<String> conflicts, String prefix, GenericFileWrites.FileValues values) {
        if (values.identifier() != null) {
            owners.writes().files().idOfIdentifier(values.identifier()).ifPresent(other -> conflicts.add(
                    prefix + "identifier: file " + other + " already has identifier " + values.identifier()));
        }
        if (values.uuid() != null) {
            owners.writes().files().idOfUuid(values.uuid()).ifPresent(other -> conflicts.add(
                    prefix + "uuid: file " + other + " already has uuid " + values.uuid()));
        }
    }

    private static void unique(InputValidation v, Map<String, String> seen, String field, String key) {
        String first = seen.putIfAbsent(key, field);
        if (first != null) {
            v.add(field, "repeats " + first + " of this batch", "values unique within the batch");
        }
    }

    /**
     * Checks the new rows of one of a file's nested lists, each under its path ({@code checksums[0].}); a row that
     * carries an id is already stored and skipped, as the original does.
     */
    private static <T> void eachNew(List<T> rows, Function<T, Long> idOf, String path, BiConsumer<String, T> check) {
        for (int j = 0; j < rows.size(); j++) {
            T row = rows.get(j);
            if (row != null && GenericFileWrites.FileValues.isNew(idOf.apply(row))) {
                check.accept(path + "[" + j + "].", row);
            }
        }
    }

    /** A new event of a file: its fields, and an identifier unique in the batch and not taken yet. */
    private void checkEvent(InputValidation v, List<String> conflicts, Map<String, String> seen, String prefix,
                            PremisEventWrites.NewEvent e) {
        BodyRules.event(v, prefix, e);
        if (e.identifier() != null) {
            unique(v, seen, prefix + "identifier", "event identifier " + e.identifier());
            if (owners.writes().events().identifierExists(e.identifier())) {
                conflicts.add(prefix + "identifier: an event with identifier " + e.identifier() + " already exists");
            }
        }
    }
}
