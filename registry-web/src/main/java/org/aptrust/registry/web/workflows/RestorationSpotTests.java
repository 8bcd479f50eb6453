package org.aptrust.registry.web.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.aptrust.registry.api.queue.Restorations;
import org.aptrust.registry.api.queue.WorkQueue;
import org.aptrust.registry.db.dao.AlertWrites;
import org.aptrust.registry.db.dao.IntellectualObjectWrites;
import org.aptrust.registry.db.dao.SpotRestoreDao;
import org.aptrust.registry.web.mail.Links;
import org.aptrust.registry.web.mail.MailTemplates;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily restoration spot tests (reference §3): each institution with a spot-test frequency that is due gets the
 * restoration of one object (the smallest active one of at least {@code minimumSize} bytes not restored within
 * the frequency), asked for as the system user through the ordinary restoration request; the work item is recorded
 * as the institution's last spot test and an alert goes to its institutional admins, mailed through the outbox.
 *
 * <p>Each institution is one transaction: a transaction-scoped advisory lock for the institution (a concurrent run
 * skips it), then its row locked and the due check made again (a run that just finished has served it), so any
 * number of instances running the job at once make one work item per due institution. The item is published to
 * its queue topic after the commit.
 */
public final class RestorationSpotTests {

    private static final Logger LOG = LoggerFactory.getLogger(RestorationSpotTests.class);

    /** The alert's type and subject (the original alerts only when a spot test's restoration completes). */
    public static final String ALERT = "Restoration Spot Test";
    public static final String SUBJECT = "Restoration Spot Test Requested";

    /** One spot test asked for. */
    public record Requested(int institutionId, int objectId, String objectIdentifier, String storageOption,
                            int workItemId, long alertId) {
    }

    private final Jdbi jdbi;
    private final WorkQueue queue;
    private final MailTemplates templates;
    private final String publicUrl;
    private final long minimumSize;

    public RestorationSpotTests(Jdbi jdbi, WorkQueue queue, MailTemplates templates, String publicUrl,
                                long minimumSize) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.templates = templates;
        this.publicUrl = Links.base(publicUrl);
        this.minimumSize = minimumSize;
    }

    /**
     * Runs the spot tests that are due. One institution's failure is logged and does not stop the others; when any
     * failed, the run then throws (after the others are done), so the scheduler counts it as failed.
     */
    public List<Requested> run() {
        List<Requested> done = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        for (SpotRestoreDao.Due due : jdbi.withExtension(SpotRestoreDao.class, SpotRestoreDao::due)) {
            try {
                Optional<Requested> r = runOne(due.institutionId());
                r.ifPresent(done::add);
            } catch (RuntimeException e) {
                failed.add(due.institutionId());
                LOG.error("restoration spot test for institution {} failed", due.institutionId(), e);
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("restoration spot tests failed for institution(s) " + failed + " ("
                    + describe(done) + ")");
        }
        return done;
    }

    /** One line for the log: how many spot tests were asked for, and which. */
    public static String describe(List<Requested> done) {
        StringBuilder sb = new StringBuilder(done.size() + " spot test(s) requested");
        for (Requested r : done) {
            sb.append("; institution ").append(r.institutionId()).append(": object ").append(r.objectId())
                    .append(", work item ").append(r.workItemId());
        }
        return sb.toString();
    }

    private Optional<Requested> runOne(int institutionId) {
        Optional<Requested> made = jdbi.inTransaction(h -> {
            SpotRestoreDao spots = h.attach(SpotRestoreDao.class);
            if (!spots.tryLock(institutionId)) {
                return Optional.<Requested>empty();
            }
            Optional<SpotRestoreDao.Due> due = spots.lockIfDue(institutionId);
            if (due.isEmpty()) {
                return Optional.<Requested>empty();
            }
            int days = due.get().spotRestoreFrequency();
            Optional<SpotRestoreDao.Candidate> candidate = spots.candidate(institutionId, minimumSize, days);
            if (candidate.isEmpty()) {
                LOG.warn("restoration spot test: institution {} has no active object of at least {} bytes that was"
                        + " not restored in the last {} days and has no unfinished work", institutionId, minimumSize,
                        days);
                return Optional.<Requested>empty();
            }
            SpotRestoreDao.Candidate c = candidate.get();
            int itemId = h.attach(IntellectualObjectWrites.class).requestRestoration(c.id(), AlertWrites.SYSTEM_USER);
            spots.record(institutionId, itemId);
            AlertWrites alerts = h.attach(AlertWrites.class);
            SpotRestoreDao.Institution inst = spots.institution(institutionId);
            Map<String, Object> model = Map.of(
                    "institution", inst.name(),
                    "objectIdentifier", c.identifier(),
                    "size", c.size().toPlainString(),
                    "workItemId", itemId,
                    "workItemUrl", publicUrl + "/work_items/show/" + itemId,
                    "restoreBucket", inst.restoreBucket(),
                    "days", days,
                    "publicUrl", publicUrl);
            String text = templates.text("alerts/restoration_spot_test.txt.mustache", model);
            long alertId = alerts.raise(new AlertWrites.NewAlert(institutionId, ALERT, SUBJECT, text, null),
                    alerts.institutionalAdmins(institutionId), null);
            spots.linkWorkItems(alertId, List.of(itemId));
            return Optional.of(new Requested(institutionId, c.id(), c.identifier(), c.storageOption(), itemId,
                    alertId));
        });
        made.ifPresent(r -> {
            WorkQueue.Publication p = Restorations.publish(queue, r.workItemId(), r.storageOption());
            LOG.info("restoration spot test for institution {}: object {} ({}), work item {}, {}", r.institutionId(),
                    r.objectId(), r.objectIdentifier(), r.workItemId(), p.queued() ? "queued" : p.detail());
        });
        return made;
    }
}
