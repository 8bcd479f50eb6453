package org.aptrust.registry.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.api.queue.Restorations;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.GenericFileWrites;
import org.aptrust.registry.db.dao.WriteConflictException;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.Checksum;
import org.aptrust.registry.db.model.FileDetail;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.StorageRecord;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.workflows.DeletionWorkflow;
import org.aptrust.registry.web.workflows.WorkflowRefusal;

/**
 * GET /files (generic_files_view) and GET /files/show/:id, by id or file identifier; asking for a file's deletion
 * (request_delete, init_delete) and its restoration (request_restore, init_restore).
 */
@Path("/files")
@Produces(MediaType.TEXT_HTML)
public class FilePages {

    private final Pages pages;
    private final ListPages lists;
    private final DeletionWorkflow deletions;
    private final WorkQueue queue;
    private final GenericFileWrites writes;

    public FilePages(Pages pages, ListPages lists, DeletionWorkflow deletions, WorkQueue queue,
                     GenericFileWrites writes) {
        this.deletions = deletions;
        this.queue = queue;
        this.writes = writes;
        this.pages = pages;
        this.lists = lists;
    }

    @GET
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        return lists.respond(request, v, FilePages::list, pages.lists().files());
    }

    static ListPage<GenericFile> list(Viewer v, List<FilterField.Option> institutions) {
        return ListPage.<GenericFile>builder("Files", "/files", Lists.FILES)
                .column(Column.of("Identifier", GenericFile::identifier).sortable("identifier")
                        .link(f -> "/files/show/" + f.id()))
                .column(Column.of("Format", GenericFile::fileFormat))
                .columnIf(v.isAdmin(), Column.of("Institution", GenericFile::institutionName))
                .column(Column.of("Storage option", GenericFile::storageOption).sortable("storage_option"))
                .column(Column.bytes("Size", GenericFile::size).sortable("size"))
                .column(Column.time("Last fixity check (UTC)", GenericFile::lastFixityCheck)
                        .sortable("last_fixity_check"))
                .column(Column.time("Updated (UTC)", GenericFile::updatedAt).sortable("updated_at"))
                .column(Column.of("State", (GenericFile f) -> Labels.state(f.state()))
                        .styled(f -> "state-" + f.state()))
                .filter(FilterField.text("Identifier", "identifier"))
                .filter(FilterField.text("UUID", "uuid"))
                .filter(FilterField.number("Object id", "intellectual_object_id"))
                .filterIf(v.isAdmin(), FilterField.select("Institution", "institution_id", institutions))
                .filter(FilterField.select("State", "state", Labels.states()))
                .filter(FilterField.select("Storage option", "storage_option",
                        Labels.same(Vocabulary.STORAGE_OPTIONS)))
                .filter(FilterField.text("Format", "file_format"))
                .sizeRange()
                .dateRange("Fixity checked", "last_fixity_check")
                .dateRange("Updated", "updated_at")
                .build();
    }

    @GET
    @Path("show/{id: .+}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        GenericFile f = Pages.visible(v, id, pages.daos().files()::find, pages.daos().files()::findByIdentifier,
                GenericFile::institutionId);
        FileDetail detail = pages.daos().files().detail(f.id()).orElseThrow(PageException::notFound);
        boolean pending = pages.daos().files().hasPendingWorkItems(f.id());
        List<DetailView.Fact> facts = new DetailView.Facts()
                .add("Identifier", f.identifier())
                .add("UUID", f.uuid())
                .link("Object", f.objectIdentifier(), "/objects/show/" + f.intellectualObjectId())
                .link("Institution", f.institutionName(), "/institutions/show/" + f.institutionId())
                .add("Format", f.fileFormat())
                .add("Size", f.size() == null ? "" : Formats.bytes(f.size()) + " (" + Formats.number(f.size())
                        + " bytes)")
                .add("Storage option", f.storageOption())
                .add("Access", f.access())
                .styled("State", Labels.state(f.state()), "state-" + f.state())
                .add("Last fixity check (UTC)", Formats.dateTime(f.lastFixityCheck()))
                .add("Modified (UTC)", Formats.dateTime(f.modTime()))
                .add("Created (UTC)", Formats.dateTime(f.createdAt()))
                .add("Updated (UTC)", Formats.dateTime(f.updatedAt()))
                .link("Work items", "Work items for this file", "/work_items?generic_file_id=" + f.id())
                .build();
        List<String> flags = pending
                ? List.of("A work item for this file is in progress: restore and delete must wait for it.")
                : List.of();
        List<DetailView.Section> sections = new ArrayList<>();
        sections.add(DetailView.Section.table("Checksums", "checksums", TableModel.of("Checksums", List.of(
                        Column.of("Algorithm", Checksum::algorithm),
                        Column.of("Digest", Checksum::digest),
                        Column.time("Calculated (UTC)", Checksum::datetime),
                        Column.time("Recorded (UTC)", Checksum::createdAt)),
                detail.checksums(), null, QueryString.empty(), "", "sort", "page", "No checksums.")));
        sections.add(DetailView.Section.table("Storage records", "storage", TableModel.of("Storage records", List.of(
                        Column.of("Id", StorageRecord::id),
                        Column.of("URL", StorageRecord::url)),
                detail.storageRecords(), null, QueryString.empty(), "", "sort", "page",
                "No storage records (a deleted file keeps none).")));
        sections.add(DetailView.Section.table("Events", "events", TableModel.of("Events", EventPages.shortColumns(),
                detail.events(), null, QueryString.empty(), "", "sort", "page", "No events.")));
        List<DetailView.Action> actions = new ArrayList<>();
        if ("A".equals(f.state()) && !pending && ObjectPages.mayRestore(v, f.institutionId())) {
            actions.add(DetailView.Action.page("Restore this file", "/files/request_restore/" + f.id(),
                    "Copies the file to your institution's restoration bucket."));
        }
        if ("A".equals(f.state()) && !pending && ObjectPages.mayRequestDeletion(v, f.institutionId())) {
            actions.add(DetailView.Action.page("Delete this file", "/files/request_delete/" + f.id(),
                    "Shows what would be deleted and asks to confirm; an institutional admin must approve."));
        }
        return new DetailView(pages.context(request, "File " + f.identifier(), v), facts, flags, actions,
                sections);
    }

    /** The file (404 when another institution's), if the viewer may act on it (else 403). */
    private GenericFile mayActOn(Viewer v, String id, java.util.function.BiPredicate<Viewer, Integer> may) {
        GenericFile f = Pages.visible(v, id, pages.daos().files()::find, pages.daos().files()::findByIdentifier,
                GenericFile::institutionId);
        if (!may.test(v, f.institutionId())) {
            throw PageException.forbidden();
        }
        return f;
    }

    /** Asks to confirm a file's restoration. */
    @GET
    @Path("request_restore/{id}")
    public ConfirmView requestRestore(@Context ContainerRequestContext request, @Auth Viewer v,
                                      @PathParam("id") String id) {
        GenericFile f = mayActOn(v, id, ObjectPages::mayRestore);
        if (!"A".equals(f.state())) {
            throw new PageException(409, "File " + f.identifier() + " is deleted: only active files can be"
                    + " restored.");
        }
        return new ConfirmView(pages.context(request, "Restore file " + f.identifier() + "?", v),
                "The preservation services copy the file to your institution's restoration bucket; the work item"
                        + " shows their progress.",
                new DetailView.Facts().link("File", f.identifier(), "/files/show/" + f.id())
                        .add("Size", f.size() == null ? "" : Formats.bytes(f.size()))
                        .add("Storage option", f.storageOption()).build(),
                List.of(), List.of(ConfirmView.Form.of("/files/init_restore/" + f.id(), "Restore file")));
    }

    /** Asks for the file's restoration, then shows the new work item; 409 for a deleted file or busy object. */
    @POST
    @Path("init_restore/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response initRestore(@Auth Viewer v, @PathParam("id") String id) {
        GenericFile f = mayActOn(v, id, ObjectPages::mayRestore);
        try {
            int item = Restorations.requestFile(writes, queue, f.id(), f.storageOption(), v.email());
            return Response.seeOther(URI.create("/work_items/show/" + item)).build();
        } catch (WriteConflictException e) {
            throw new PageException(409, e.getMessage());
        }
    }


    /** What deleting the file would delete, and a button to ask for it. */
    @GET
    @Path("request_delete/{id}")
    public ConfirmView requestDelete(@Context ContainerRequestContext request, @Auth Viewer v,
                                     @PathParam("id") String id) {
        GenericFile f = mayActOn(v, id, ObjectPages::mayRequestDeletion);
        DeletionWorkflow.Contents contents;
        try {
            contents = deletions.previewFile(v.id(), f.id());
        } catch (WorkflowRefusal e) {
            throw PageException.of(e);
        }
        return new ConfirmView(pages.context(request, "Delete file " + f.identifier() + "?", v),
                "Asking for this deletion alerts and emails your institution's institutional admins; nothing is"
                        + " deleted until one of them approves it.",
                new DetailView.Facts().link("File", f.identifier(), "/files/show/" + f.id())
                        .link("Object", f.objectIdentifier(), "/objects/show/" + f.intellectualObjectId())
                        .add("Storage option", f.storageOption()).build(),
                DeletionWorkflow.describe(contents),
                List.of(ConfirmView.Form.of("/files/init_delete/" + f.id(), "Request deletion")));
    }

    /** Asks for the file's deletion, then shows the new request. */
    @POST
    @Path("init_delete/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response initDelete(@Auth Viewer v, @PathParam("id") String id) {
        GenericFile f = mayActOn(v, id, ObjectPages::mayRequestDeletion);
        try {
            long requestId = deletions.requestFile(v.id(), f.id());
            return Response.seeOther(URI.create("/deletions/show/" + requestId)).build();
        } catch (WorkflowRefusal e) {
            throw PageException.of(e);
        }
    }
}
