package org.aptrust.registry.api.admin;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.InputValidation;
import org.aptrust.registry.api.json.StricterRules;
import org.aptrust.registry.api.member.Shown;
import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.dao.ListReaders;
import org.aptrust.registry.db.dao.GenericFileWrites;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.WriteDaos;
import org.aptrust.registry.db.model.Institution;

/**
 * The lookups the admin writes share: the institution a URL names (404 when it does not exist), and whether the
 * object or file a body refers to exists and belongs to that institution (a 400 naming the field when not).
 */
public final class Owners {

    private final Daos daos;
    private final ListReaders lists;
    private final WriteDaos writes;
    private final StricterRules stricter;

    public Owners(Daos daos, ListReaders lists, WriteDaos writes, StricterRules stricter) {
        this.daos = daos;
        this.lists = lists;
        this.writes = writes;
        this.stricter = stricter;
    }

    /** A validation for one request body; rules the original does not have only warn ({@link StricterRules}). */
    public InputValidation validation() {
        return stricter.validation();
    }

    public Daos daos() {
        return daos;
    }

    /** The lists, for the admin resources' list routes. */
    public ListReaders lists() {
        return lists;
    }

    public WriteDaos writes() {
        return writes;
    }

    /** The institution of a URL's {institution_id}: an id or the institution's identifier. */
    public Institution institution(String idOrIdentifier) {
        return Shown.byIdOrIdentifier(idOrIdentifier, daos.institutions()::find,
                daos.institutions()::findByIdentifier).orElseThrow(() -> ApiException.notFound("institution"));
    }

    /** The object a body names, when it exists and is the institution's; otherwise a problem on the field. */
    public IntellectualObjectWrites.StoredObject object(InputValidation v, String field, Integer objectId,
                                                        int institutionId) {
        if (objectId == null || objectId <= 0) {
            return null;
        }
        IntellectualObjectWrites.StoredObject o = writes.objects().find(objectId).orElse(null);
        if (o == null) {
            v.add(field, "there is no object " + objectId, "the id of an object of institution " + institutionId);
            return null;
        }
        if (o.institutionId() != institutionId) {
            v.add(field, "object " + objectId + " does not belong to institution " + institutionId,
                    "the id of an object of institution " + institutionId);
            return null;
        }
        return o;
    }

    /** The file a body names, when it exists and is the institution's; otherwise a problem on the field. */
    public GenericFileWrites.StoredFile file(InputValidation v, String field, Integer fileId, int institutionId) {
        if (!v.required(field, fileId)) {
            return null;
        }
        GenericFileWrites.StoredFile f = writes.files().find(fileId).orElse(null);
        if (f == null) {
            v.add(field, "there is no file " + fileId, "the id of a file of institution " + institutionId);
            return null;
        }
        if (f.institutionId() != institutionId) {
            v.add(field, "file " + fileId + " does not belong to institution " + institutionId,
                    "the id of a file of institution " + institutionId);
            return null;
        }
        return f;
    }

    /** A body's institution_id must be the URL's (or absent, meaning the URL's). */
    public static void sameInstitution(InputValidation v, String field, Integer given, int urlInstitution) {
        if (given != null && given != 0) {
            v.check(given == urlInstitution, field, "is " + given + ", but the URL names institution "
                    + urlInstitution, String.valueOf(urlInstitution));
        }
    }

    /** A new record's body carries no id (or Go's 0); one with an id means the client wanted an update. */
    public static void refuseIdOnCreate(Long bodyId, String what, String updatePath) {
        if (bodyId != null && bodyId > 0) {
            throw ApiException.badRequest("id", "a new " + what + " has no id; to change " + what + " " + bodyId
                    + " use PUT " + updatePath + bodyId, "no id, or 0");
        }
    }

    /** An update's body names the record of its URL (or no id at all). */
    public static void refuseOtherId(Long bodyId, int urlId, String what) {
        if (bodyId != null && bodyId != 0 && bodyId != urlId) {
            throw ApiException.badRequest("id", "is " + bodyId + ", but the URL names " + what + " " + urlId,
                    String.valueOf(urlId));
        }
    }

    /** An update may not move a record to another institution. */
    public static void refuseInstitutionChange(InputValidation v, Integer given, int stored, String what) {
        v.check(given == null || given == 0 || given == stored, "institution_id", "a " + what
                + "'s institution never changes", String.valueOf(stored));
    }

    /** The institution a stored record belongs to. */
    public Institution institutionOf(int institutionId) {
        return daos.institutions().find(institutionId).orElseThrow(() -> ApiException.notFound("institution"));
    }

    /** 201 Created with the new record and where to read it. */
    public static Response created(UriInfo uri, String showPath, Object id, Object entity) {
        URI location = uri.getBaseUriBuilder().path(showPath).path(String.valueOf(id)).build();
        return Response.created(location).entity(entity).build();
    }
}
