package org.aptrust.registry.web.workflows;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.aptrust.registry.api.admin.WorkItemSaver;
import org.aptrust.registry.db.dao.AlertWrites;
import org.aptrust.registry.db.dao.DeletionWrites;
import org.aptrust.registry.db.dao.InstitutionDao;
import org.aptrust.registry.db.dao.WorkItemDao;
import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.web.mail.Links;
import org.aptrust.registry.web.mail.MailTemplates;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a work item (from the admin API's update or the web UI's edit form) and, in the same transaction, alerts
 * what its completion means:
 * <ul>
 * <li>a Restore Object or Restore File item now Success: "Restoration Completed" to the institution's active users
 * (institutional admins and users), linked to the item; when the item is the institution's latest restoration spot
 * test, with the subject "Restoration Spot Test Completed" and its own text, as the original;</li>
 * <li>a Delete item of a deletion request now Success, the request's last one to succeed: "Deletion Completed" to
 * the requester, the approver and the institution's active institutional admins, linked to the request and its
 * work items. The original has this alert's type and text but never raises it; here it is raised once per
 * request.</li>
 * </ul>
 * Each alert is made once: the item's row (and for deletions the request's row) is locked first, so concurrent
 * saves take turns and the later one sees the alert the earlier one made.
 */
public final class WorkItemCompletions implements WorkItemSaver {

    private static final Logger LOG = LoggerFactory.getLogger(WorkItemCompletions.class);
    static final String SPOT_TEST_COMPLETED = "Restoration Spot Test Completed";

    private final Jdbi jdbi;
    private final MailTemplates templates;
    private final String publicUrl;

    public WorkItemCompletions(Jdbi jdbi, MailTemplates templates, String publicUrl) {
        this.jdbi = jdbi;
        this.templates = templates;
        this.publicUrl = Links.base(publicUrl);
    }

    @Override
    public void save(int itemId, WorkItemWrites.ItemValues values) {
        jdbi.useTransaction(h -> {
            WorkItemWrites items = h.attach(WorkItemWrites.class);
            if (items.lockForUpdate(itemId).isEmpty()) {
                throw new IllegalArgumentException("no work item " + itemId);
            }
            items.update(itemId, values);
            if (!"Success".equals(values.status())) {
                return;
            }
            if (WorkItemWrites.RESTORE_ACTIONS.contains(values.action()) && !items.hasRestorationAlert(itemId)) {
                alertRestored(h, items, itemId);
            } else if ("Delete".equals(values.action()) && values.deletionRequestId() != null) {
                alertDeletedIfLast(h, items, values.deletionRequestId());
            }
        });
    }

    private void alertRestored(Handle h, WorkItemWrites items, int itemId) {
        WorkItem item = h.attach(WorkItemDao.class).find(itemId).orElseThrow();
        Institution institution = h.attach(InstitutionDao.class).find(item.institutionId()).orElseThrow();
        Optional<WorkItemWrites.SpotTest> spot = "Restore Object".equals(item.action())
                ? items.spotTestOf(itemId) : Optional.empty();
        String bucket = institution.restoreBucket() == null || institution.restoreBucket().isBlank()
                ? null : institution.restoreBucket();
        Map<String, Object> model = new HashMap<>();
        model.put("workItemId", itemId);
        model.put("workItemUrl", publicUrl + "/work_items/show/" + itemId);
        String subject;
        String text;
        if (spot.isPresent()) {
            subject = SPOT_TEST_COMPLETED;
            model.put("institution", institution.name());
            model.put("objectIdentifier", item.objectIdentifier() == null ? item.name() : item.objectIdentifier());
            model.put("restoreBucket", bucket == null ? "your institution's restoration bucket" : bucket);
            model.put("days", spot.get().frequency());
            model.put("publicUrl", publicUrl);
            text = templates.text("alerts/restoration_spot_test_completed.txt.mustache", model);
        } else {
            subject = WorkItemWrites.RESTORATION_COMPLETED;
            model.put("what", "Restore File".equals(item.action()) ? "A file of " + item.name()
                    + (item.genericFileIdentifier() == null ? "" : " (" + item.genericFileIdentifier() + ")")
                    : item.name());
            model.put("where", bucket == null ? "your institution's restoration bucket" : "the bucket " + bucket);
            text = templates.text("alerts/restoration_completed.txt.mustache", model);
        }
        AlertWrites alerts = h.attach(AlertWrites.class);
        long alertId = alerts.insertAlert(item.institutionId(), WorkItemWrites.RESTORATION_COMPLETED, subject, text);
        alerts.deliver(alertId, WorkItemWrites.RESTORATION_COMPLETED, subject, text,
                alerts.activeUsers(item.institutionId()));
        items.linkAlert(alertId, itemId);
        LOG.info("work item {}: {} alert {}", itemId, subject, alertId);
    }

    private void alertDeletedIfLast(Handle h, WorkItemWrites items, long requestId) {
        if (items.lockDeletionRequest(requestId).isEmpty() || items.unfinishedDeletions(requestId) > 0
                || items.hasDeletionCompletedAlert(requestId)) {
            return;
        }
        DeletionWrites d = h.attach(DeletionWrites.class);
        DeletionWrites.RequestState r = d.find(requestId, 0).orElseThrow();
        DeletionWrites.Person requester = d.person(r.requestedById()).orElseThrow();
        Optional<DeletionWrites.Person> approver = r.confirmedById() == null ? Optional.empty()
                : d.person(r.confirmedById());
        List<Integer> objectIds = d.objectIdsOf(requestId);
        List<Integer> fileIds = d.fileIdsOf(requestId);
        DeletionWorkflow.Contents contents = new DeletionWorkflow.Contents(
                objectIds.isEmpty() ? List.of() : d.objects(objectIds), fileIds.isEmpty() ? List.of() : d.files(fileIds));
        Map<String, Object> model = new HashMap<>();
        model.put("requesterName", requester.name());
        model.put("approverName", approver.map(DeletionWrites.Person::name).orElse("an institutional admin"));
        model.put("items", DeletionWorkflow.describeDeleted(contents));
        model.put("requestUrl", publicUrl + "/deletions/show/" + requestId);
        String text = templates.text("alerts/deletion_completed.txt.mustache", model);
        Set<Integer> recipients = new LinkedHashSet<>();
        recipients.add(r.requestedById());
        approver.ifPresent(p -> recipients.add(p.id()));
        d.activeInstitutionalAdmins(r.institutionId()).forEach(p -> recipients.add(p.id()));
        long alertId = h.attach(AlertWrites.class).raise(new AlertWrites.NewAlert(r.institutionId(),
                WorkItemWrites.DELETION_COMPLETED, WorkItemWrites.DELETION_COMPLETED, text, requestId), recipients,
                null);
        for (int item : items.deletionItems(requestId)) {
            items.linkAlert(alertId, item);
        }
        LOG.info("deletion request {}: Deletion Completed alert {}", requestId, alertId);
    }
}
