package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import org.aptrust.registry.db.dao.WorkItemWrites;
import org.aptrust.registry.db.model.WorkItem;
import org.junit.jupiter.api.Test;

/**
 * The web UI's edit form saves the stored item as a work item body with the form's fields changed: every field of
 * the body is read from the stored item by its name, so nothing the form does not show may change on the way.
 */
class WorkItemEditBodyTest {

    private static final LocalDateTime BAG = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000);
    /** Go's zero time, as rows copied from the original may hold it: kept, not read as "not set". */
    private static final LocalDateTime GO_ZERO = LocalDateTime.of(1, 1, 1, 0, 0);

    private static WorkItem stored(Integer objectId) {
        return new WorkItem(7, 3, "Test University", "test.edu", objectId, "test.edu/bag", "alt", "group",
                "Standard", "btr", "org", "sender", 11, "test.edu/bag/data/f.txt", "bag.tar",
                "0123456789abcdef0123456789abcdef", "aptrust.receiving.test.edu", "someone@test.edu", "a note",
                "Ingest", "Record", "Started", "outcome", BAG, BAG.plusDays(1), true, "node-1", 42, false,
                12_345L, GO_ZERO, BAG.plusHours(3), "admin@aptrust.org", "inst@test.edu", 5L,
                BAG.minusDays(1), BAG.plusDays(2));
    }

    @Test
    void withoutChangesEveryFieldIsTheStoredOne() throws ReflectiveOperationException {
        WorkItem w = stored(9);
        WorkItemWrites.ItemValues body = WorkItemPages.edited(w, Map.of());
        for (RecordComponent c : WorkItemWrites.ItemValues.class.getRecordComponents()) {
            Object expected = WorkItem.class.getMethod(c.getName()).invoke(w);
            Object actual = c.getAccessor().invoke(body);
            if (expected instanceof Integer i && actual instanceof Long) {
                expected = i.longValue();
            }
            assertThat(actual).as(c.getName()).isEqualTo(expected);
        }
    }

    @Test
    void theFormsFieldsReplaceTheStoredOnes() {
        Map<String, Object> changes = new HashMap<>();
        changes.put("stage", "Cleanup");
        changes.put("status", "Success");
        changes.put("retry", false);
        changes.put("needs_admin_review", true);
        changes.put("note", "");
        changes.put("node", null);
        changes.put("pid", 0);
        changes.put("intellectual_object_id", 12);
        WorkItemWrites.ItemValues body = WorkItemPages.edited(stored(null), changes);
        assertThat(body.stage()).isEqualTo("Cleanup");
        assertThat(body.status()).isEqualTo("Success");
        assertThat(body.retry()).isFalse();
        assertThat(body.needsAdminReview()).isTrue();
        assertThat(body.note()).isEmpty();
        assertThat(body.node()).isNull();
        assertThat(body.pid()).isZero();
        assertThat(body.intellectualObjectId()).isEqualTo(12);
        assertThat(body.bagDate()).isEqualTo(BAG);
        assertThat(body.queuedAt()).isEqualTo(GO_ZERO);
        assertThat(body.name()).isEqualTo("bag.tar");
    }
}
