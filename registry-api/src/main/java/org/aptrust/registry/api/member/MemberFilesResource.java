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
import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.json.FileRepresentation;
import org.aptrust.registry.api.json.ListEnvelope;
import org.aptrust.registry.db.dao.GenericFileDao;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.list.ListReader;

/**
 * GET /member-api/v3/files (generic_files_view, last updated first) and /files/show/:id_or_identifier, the file
 * with its checksums, events and storage records. The identifier may carry its slashes raw or as %2F.
 */
@Path("/member-api/v3/files")
@Produces(MediaType.APPLICATION_JSON)
public class MemberFilesResource {

    private final GenericFileDao files;
    private final ListReader<GenericFile> fileList;

    public MemberFilesResource(GenericFileDao files, ListReader<GenericFile> fileList) {
        this.files = files;
        this.fileList = fileList;
    }

    @GET
    public ListEnvelope<GenericFile> list(@Context UriInfo uri, @Auth ApiCaller caller) {
        return Listing.page(fileList, uri, caller.scope());
    }

    @GET
    @Path("/show/{id: .+}")
    public FileRepresentation show(@PathParam("id") String id, @Auth ApiCaller caller) {
        return show(files, id, caller);
    }

    /** The file an id or identifier names, with its checksums, events and storage records, if the caller may see it. */
    public static FileRepresentation show(GenericFileDao files, String id, ApiCaller caller) {
        GenericFile file = Shown.visible(Shown.byIdOrIdentifier(id, files::find, files::findByIdentifier),
                GenericFile::institutionId, caller, "file");
        return files.detail(file.id()).map(FileRepresentation::of)
                .orElseThrow(() -> ApiException.notFound("file"));
    }
}
