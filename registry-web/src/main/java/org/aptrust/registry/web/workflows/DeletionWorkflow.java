package org.aptrust.registry.web.workflows;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aptrust.registry.api.json.ApiException;
import org.aptrust.registry.api.queue.QueueTopics;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.AlertWrites;
import org.aptrust.registry.db.dao.DeletionWrites;
import org.aptrust.registry.db.dao.DeletionWrites.FileToDelete;
import org.aptrust.registry.db.dao.DeletionWrites.ObjectToDelete;
import org.aptrust.registry.db.dao.DeletionWrites.Person;
import org.aptrust.registry.db.dao.DeletionWrites.RequestState;
import org.aptrust.registry.web.mail.Links;
import org.aptrust.registry.web.mail.MailTemplates;
import org.aptrust.registry.web.pages.Formats;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting files and objects (reference §8): an institutional admin asks, every active institutional admin of the
 * institution is alerted and mailed a review link carrying a single-use token, one of them approves or cancels.
 * Approval makes one Delete work item per object or file and publishes it to the delete topic; approval and
 * cancellation are alerted and mailed to the requester and the admins.
 *
 * <p>Each step is one transaction whose deciding rows are locked first (the request; the objects and files, in id
 * order): of two steps on one request the second waits, then sees the first's outcome and is refused, so nothing is
 * made twice. Publication follows the commit, so a step that rolled back publishes nothing; a publication that
 * fails is recorded in the work item by the queue.
 */
public final class DeletionWorkflow {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionWorkflow.class);

    public static final String REQUESTED = "Deletion Requested";
    public static final String CONFIRMED = "Deletion Confirmed";
    public static final String CANCELLED = "Deletion Cancelled";
    private static final String DELETE_TOPIC = QueueTopics.topicFor("Delete", null).orElseThrow();

    private final Jdbi jdbi;
    private final WorkQueue queue;
    private final MailTemplates templates;
    private final String publicUrl;
    private final Duration validity;

    public DeletionWorkflow(Jdbi jdbi, WorkQueue queue, MailTemplates templates, String publicUrl,
                            Duration validity) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.templates = templates;
        this.publicUrl = Links.base(publicUrl);
        this.validity = validity;
    }

    /** How long a request's review link works. */
    public Duration validity() {
        return validity;
    }

    /** What a request covers, as a reviewer is shown it. */
    public record Contents(List<ObjectToDelete> objects, List<FileToDelete> files) {
        public Contents {
            objects = List.copyOf(objects);
            files = List.copyOf(files);
        }
    }

    /** A request as its review page shows it. */
    public record Review(RequestState request, Person requester, Contents contents, LocalDateTime expiresAt) {
    }

    /** The outcome of an approval or cancellation. */
    public record Decision(long requestId, Contents contents, List<Integer> workItemIds) {
    }

    // ---- asking -------------------------------------------------------------------------------------------------

    /**
     * What deleting the object would delete, or the refusal a request would get now (nothing is written): for the
     * confirmation page.
     */
    public Contents previewObject(int requesterId, int objectId) {
        return jdbi.inTransaction(h -> {
            DeletionWrites d = h.attach(DeletionWrites.class);
            List<ObjectToDelete> objects = d.objects(List.of(objectId));
            requireRequester(d, requesterId, objects.isEmpty() ? -1 : objects.get(0).institutionId());
            checkObjects(d, List.of(objectId), objects, true);
            return new Contents(objects, List.of());
        });
    }

    /** The same for one file. */
    public Contents previewFile(int requesterId, int fileId) {
        return jdbi.inTransaction(h -> {
            DeletionWrites d = h.attach(DeletionWrites.class);
            FileToDelete file = d.files(List.of(fileId)).stream().findFirst()
                    .orElseThrow(() -> new WorkflowRefusal(404, "There is no file " + fileId + "."));
            requireRequester(d, requesterId, file.institutionId());
            checkFile(d, file, true);
            return new Contents(List.of(), List.of(file));
        });
    }

    /**
     * Asks for the objects to be deleted, all or none: every one must be active, belong to the institution and
     * have no unfinished work and no other request waiting for approval.
     *
     * @return the new request's id
     */
    public long requestObjects(int requesterId, int institutionId, List<Integer> objectIds) {
        List<Integer> ids = List.copyOf(new LinkedHashSet<>(objectIds));
        if (ids.isEmpty()) {
            throw new WorkflowRefusal(400, "A deletion request needs at least one object.");
        }
        return jdbi.inTransaction(h -> {
            DeletionWrites d = h.attach(DeletionWrites.class);
            Person requester = requireRequester(d, requesterId, institutionId);
            List<ObjectToDelete> objects = d.lockObjects(ids);
            for (ObjectToDelete o : objects) {
                if (o.institutionId() != institutionId) {
                    throw new WorkflowRefusal(409, "Object " + o.identifier() + " does not belong to the institution"
                            + " of the request.");
                }
            }
            checkObjects(d, ids, objects, true);
            ConfirmationTokens.Issued token = ConfirmationTokens.issue();
            long id = d.insertRequest(institutionId, requester.id(), token.storedHash());
            for (ObjectToDelete o : objects) {
                d.addObject(id, o.id());
            }
            alertRequested(h, d, id, requester, token, new Contents(objects, List.of()));
            return id;
        });
    }

    /**
     * {@link #requestObjects} for the admin API's batch deletion: a refusal becomes the API's error with the same
     * status and reason.
     */
    public long requestBatch(int requestorId, int institutionId, List<Integer> objectIds) {
        try {
            return requestObjects(requestorId, institutionId, objectIds);
        } catch (WorkflowRefusal e) {
            throw new ApiException(e.status(), e.getMessage(), null, null);
        }
    }

    /** Asks for one file to be deleted (its object's row is locked too, as a request for the object would). */
    public long requestFile(int requesterId, int fileId) {
        return jdbi.inTransaction(h -> {
            DeletionWrites d = h.attach(DeletionWrites.class);
            FileToDelete seen = d.files(List.of(fileId)).stream().findFirst()
                    .orElseThrow(() -> new WorkflowRefusal(404, "There is no file " + fileId + "."));
            Person requester = requireRequester(d, requesterId, seen.institutionId());
            d.lockObjects(List.of(seen.intellectualObjectId()));
            FileToDelete file = d.lockFile(fileId).orElseThrow();
            checkFile(d, file, true);
            ConfirmationTokens.Issued token = ConfirmationTokens.issue();
            long id = d.insertRequest(file.institutionId(), requester.id(), token.storedHash());
            d.addFile(id, file.id());
            alertRequested(h, d, id, requester, token, new Contents(List.of(), List.of(file)));
            return id;
        });
    }

    // ---- deciding -----------------------------------------------------------------------------------------------

    /** The review page: the token must be the request's and the viewer an institutional admin of its institution. */
    public Review review(long requestId, String token, int viewerId) {
        return jdbi.inTransaction(h -> {
            DeletionWrites d = h.attach(DeletionWrites.class);
            RequestState r = d.find(requestId, validity.toSeconds())
                    .orElseThrow(() -> new WorkflowRefusal(404, "There is no deletion request " + requestId + "."));
            requireToken(r, token);
            requireDecider(d, r, viewerId);
            Person requester = d.person(r.requestedById()).orElseThrow();
            return new Review(r, requester, contents(d, requestId), expiresAt(r));
        });
    }

    /**
     * Approves the request: Delete work items for its files and objects, published after the commit, and the
     * "Deletion Confirmed" alert. Refused when the token is wrong, the approver is not an institutional admin of
     * the institution (nor, while it has other active admins, the requester), the request was approved or
     * cancelled already or has expired, or one of its objects or files is gone or has unfinished work.
     */
    public Decision approve(long requestId, String token, int approverId) {
        Decision decision = jdbi.inTransaction(h -> {
            DeletionWrites d = h.attach(DeletionWrites.class);
            RequestState r = lockUndecided(d, requestId, token, approverId);
            Person approver = d.person(approverId).orElseThrow();
            if (r.requestedById() == approverId && d.activeInstitutionalAdmins(r.institutionId()).size() > 1) {
                throw new WorkflowRefusal(403, "You asked for this deletion yourself: another institutional admin of"
                        + " your institution must approve it.");
            }
            Contents contents = contents(d, requestId);
            List<Integer> objectIds = contents.objects().stream().map(ObjectToDelete::id).toList();
            List<Integer> fileIds = contents.files().stream().map(FileToDelete::id).toList();
            Set<Integer> objectsOfFiles = new java.util.TreeSet<>(objectIds);
            contents.files().forEach(f -> objectsOfFiles.add(f.intellectualObjectId()));
            d.lockObjects(List.copyOf(objectsOfFiles));
            if (!objectIds.isEmpty()) {
                checkObjects(d, objectIds, d.objects(objectIds), false);
            }
            for (FileToDelete f : contents.files()) {
                checkFile(d, d.lockFile(f.id()).orElseThrow(), false);
            }
            if (d.confirm(requestId, approverId) != 1) {
                throw new WorkflowRefusal(409, "Deletion request " + requestId + " was decided meanwhile.");
            }
            Person requester = d.person(r.requestedById()).orElseThrow();
            List<Integer> items = new ArrayList<>();
            for (int fileId : fileIds) {
                items.add(d.insertFileDeletion(fileId, requestId, requester.email(), approver.email()));
            }
            for (int objectId : objectIds) {
                items.add(d.insertObjectDeletion(objectId, requestId, requester.email(), approver.email()));
            }
            Map<String, Object> model = baseModel(d, r, requester, contents);
            model.put("approverName", approver.name());
            model.put("approverEmail", approver.email());
            model.put("workItemUrls", items.stream().map(i -> publicUrl + "/work_items/show/" + i).toList());
            raise(h, d, r, CONFIRMED, templates.text("alerts/deletion_confirmed.txt.mustache", model), null,
                    true);
            return new Decision(requestId, contents, List.copyOf(items));
        });
        for (int item : decision.workItemIds()) {
            WorkQueue.Publication p = queue.publish(item, DELETE_TOPIC);
            LOG.info("deletion request {}: work item {}: {}", requestId, item, p.detail());
        }
        return decision;
    }

    /** Cancels the request and alerts the requester and the admins ("Deletion Cancelled"); nothing is deleted. */
    public Decision cancel(long requestId, String token, int cancellerId) {
        return jdbi.inTransaction(h -> {
            DeletionWrites d = h.attach(DeletionWrites.class);
            RequestState r = lockUndecided(d, requestId, token, cancellerId);
            if (d.cancel(requestId, cancellerId) != 1) {
                throw new WorkflowRefusal(409, "Deletion request " + requestId + " was decided meanwhile.");
            }
            Person canceller = d.person(cancellerId).orElseThrow();
            Person requester = d.person(r.requestedById()).orElseThrow();
            Contents contents = contents(d, requestId);
            Map<String, Object> model = baseModel(d, r, requester, contents);
            model.put("cancellerName", canceller.name());
            model.put("cancellerEmail", canceller.email());
            raise(h, d, r, CANCELLED, templates.text("alerts/deletion_cancelled.txt.mustache", model), null, true);
            return new Decision(requestId, contents, List.of());
        });
    }

    // ---- rules --------------------------------------------------------------------------------------------------

    private RequestState lockUndecided(DeletionWrites d, long requestId, String token, int userId) {
        RequestState r = d.lock(requestId, validity.toSeconds())
                .orElseThrow(() -> new WorkflowRefusal(404, "There is no deletion request " + requestId + "."));
        requireToken(r, token);
        requireDecider(d, r, userId);
        if (r.cancelledAt() != null) {
            throw new WorkflowRefusal(409, "Deletion request " + requestId + " was cancelled on "
                    + Formats.dateTime(r.cancelledAt()) + " UTC: it can no longer be approved or cancelled.");
        }
        if (r.confirmedAt() != null) {
            throw new WorkflowRefusal(409, "Deletion request " + requestId + " was already approved on "
                    + Formats.dateTime(r.confirmedAt()) + " UTC: it can no longer be approved or cancelled.");
        }
        if (r.expired()) {
            throw new WorkflowRefusal(410, "Deletion request " + requestId + " expired on "
                    + Formats.dateTime(expiresAt(r)) + " UTC without a decision. Ask for the deletion again.");
        }
        return r;
    }

    private static void requireToken(RequestState r, String token) {
        if (!ConfirmationTokens.matches(token, r.tokenHash())) {
            throw new WorkflowRefusal(403, "This review link is not valid for deletion request " + r.id()
                    + ". Use the link from the email about the request.");
        }
    }

    private static void requireDecider(DeletionWrites d, RequestState r, int userId) {
        Person p = d.person(userId).orElseThrow(() -> new WorkflowRefusal(403, "Unknown user."));
        if (!p.isInstitutionalAdminOf(r.institutionId())) {
            throw new WorkflowRefusal(403, "Only an institutional admin of the institution that owns the files"
                    + " and objects may approve or cancel their deletion.");
        }
    }

    private static Person requireRequester(DeletionWrites d, int requesterId, int institutionId) {
        Person p = d.person(requesterId).orElseThrow(() -> new WorkflowRefusal(403, "Unknown requester "
                + requesterId + "."));
        if (institutionId >= 0 && !p.isInstitutionalAdminOf(institutionId)) {
            throw new WorkflowRefusal(403, "Only an active institutional admin of the institution that owns the"
                    + " files and objects may ask for their deletion.");
        }
        return p;
    }

    private void checkObjects(DeletionWrites d, List<Integer> wanted, List<ObjectToDelete> found, boolean asking) {
        Set<Integer> missing = new LinkedHashSet<>(wanted);
        found.forEach(o -> missing.remove(o.id()));
        if (!missing.isEmpty()) {
            throw new WorkflowRefusal(404, "There is no object " + missing.iterator().next() + ".");
        }
        for (ObjectToDelete o : found) {
            if (!"A".equals(o.state())) {
                throw new WorkflowRefusal(409, "Object " + o.identifier() + " is not active (it was deleted):"
                        + " there is nothing to delete.");
            }
            checkWork(d, o.id(), "Object " + o.identifier());
            if (asking) {
                refuseWaiting("Object " + o.identifier(), d.openRequestsFor(o.id(), validity.toSeconds()));
            }
        }
    }

    private void checkFile(DeletionWrites d, FileToDelete f, boolean asking) {
        if (!"A".equals(f.state())) {
            throw new WorkflowRefusal(409, "File " + f.identifier() + " is not active (it was deleted): there is"
                    + " nothing to delete.");
        }
        checkWork(d, f.intellectualObjectId(), "The object of file " + f.identifier() + " ("
                + f.objectIdentifier() + ")");
        if (asking) {
            refuseWaiting("File " + f.identifier(), d.openRequestsForFile(f.id(), f.intellectualObjectId(),
                    validity.toSeconds()));
        }
    }

    /** Unfinished work (an ingest, a restoration, a deletion under way) blocks asking and approving alike. */
    private static void checkWork(DeletionWrites d, int objectId, String what) {
        int open = d.unfinishedWork(objectId);
        if (open > 0) {
            throw new WorkflowRefusal(409, what + " has " + open + " unfinished work item(s): ask again once they"
                    + " are done.");
        }
    }

    /** Another request waiting for approval blocks a new one over the same things. */
    private static void refuseWaiting(String what, List<Long> waiting) {
        if (!waiting.isEmpty()) {
            throw new WorkflowRefusal(409, what + " is already in deletion request " + waiting.get(0)
                    + ", which waits for an institutional admin's approval.");
        }
    }

    // ---- alerts -------------------------------------------------------------------------------------------------

    private void alertRequested(Handle h, DeletionWrites d, long id, Person requester,
                                ConfirmationTokens.Issued token, Contents contents) {
        RequestState r = d.find(id, validity.toSeconds()).orElseThrow();
        List<Person> admins = d.activeInstitutionalAdmins(r.institutionId());
        Map<String, Object> model = baseModel(d, r, requester, contents);
        model.put("secondAdminNeeded", admins.size() > 1);
        model.put("expiresAt", Formats.dateTime(expiresAt(r)));
        String content = templates.text("alerts/deletion_requested.txt.mustache", model);
        model.put("alertText", content);
        model.put("reviewUrl", publicUrl + "/deletions/review/" + id + "?token=" + token.token());
        String mail = templates.text("alerts/deletion_requested_mail.txt.mustache", model);
        raise(h, d, r, REQUESTED, content, mail, false);
    }

    private void raise(Handle h, DeletionWrites d, RequestState r, String type, String content, String mail,
                       boolean toRequester) {
        Set<Integer> recipients = new LinkedHashSet<>();
        d.activeInstitutionalAdmins(r.institutionId()).forEach(p -> recipients.add(p.id()));
        if (toRequester) {
            recipients.add(r.requestedById());
        }
        h.attach(AlertWrites.class).raise(new AlertWrites.NewAlert(r.institutionId(), type, type, content, r.id()),
                recipients, mail);
    }

    private Map<String, Object> baseModel(DeletionWrites d, RequestState r, Person requester, Contents contents) {
        Map<String, Object> model = new HashMap<>();
        model.put("requesterName", requester.name());
        model.put("requesterEmail", requester.email());
        model.put("items", describe(contents));
        model.put("requestUrl", publicUrl + "/deletions/show/" + r.id());
        model.put("institutionName", d.institutionName(r.institutionId()));
        return model;
    }

    /** One line per object ("object x (3 files, 1.2 MB)") and file. */
    public static List<String> describe(Contents contents) {
        List<String> lines = new ArrayList<>();
        for (ObjectToDelete o : contents.objects()) {
            lines.add("object " + o.identifier() + " (" + Formats.number(o.fileCount()) + " active file(s), "
                    + Formats.bytes(o.size()) + ")");
        }
        for (FileToDelete f : contents.files()) {
            lines.add("file " + f.identifier() + " (" + Formats.bytes(f.size()) + ")");
        }
        return lines;
    }

    /** One line per object and file, by identifier only (their sizes are gone once they are deleted). */
    public static List<String> describeDeleted(Contents contents) {
        List<String> lines = new ArrayList<>();
        contents.objects().forEach(o -> lines.add("object " + o.identifier()));
        contents.files().forEach(f -> lines.add("file " + f.identifier()));
        return lines;
    }

    private static Contents contents(DeletionWrites d, long requestId) {
        List<Integer> objectIds = d.objectIdsOf(requestId);
        List<Integer> fileIds = d.fileIdsOf(requestId);
        return new Contents(objectIds.isEmpty() ? List.of() : d.objects(objectIds),
                fileIds.isEmpty() ? List.of() : d.files(fileIds));
    }

    private LocalDateTime expiresAt(RequestState r) {
        return r.requestedAt().plus(validity);
    }
}
