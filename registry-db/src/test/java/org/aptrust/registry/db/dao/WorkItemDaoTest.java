package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.ids;
import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class WorkItemDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final WorkItemDao DAO = DB.daos().workItems();
    static final ListReader<WorkItem> LIST = DB.lists().workItems();

    private static List<Long> list(Scope scope, String... kv) {
        return ids(LIST.list(query(Lists.WORK_ITEMS, scope, kv)), WorkItem::id);
    }

    private static List<Long> list(String... kv) {
        return list(Scope.ALL, withPerPage(kv));
    }

    private static String[] withPerPage(String... kv) {
        String[] all = java.util.Arrays.copyOf(kv, kv.length + 2);
        all[kv.length] = "per_page";
        all[kv.length + 1] = "100";
        return all;
    }

    @Test
    void filtersOfEveryKind() {
        assertThat(list()).hasSize(39);
        assertThat(list("status__in", "Pending", "status__in", "Started")).hasSize(7);
        assertThat(list("status__not_in", "Success")).hasSize(12);
        assertThat(list("status__ne", "Success")).hasSize(12);
        assertThat(list("action", "Delete")).hasSize(5);
        assertThat(list("node__not_null", "true", "sort", "updated_at__asc")).containsExactlyInAnyOrder(10L, 13L, 29L);
        assertThat(list("node__is_null", "false")).containsExactlyInAnyOrder(10L, 13L, 29L);
        assertThat(list("queued_at__is_null", "true")).containsExactly(17L);
        assertThat(list("needs_admin_review", "true")).containsExactly(15L);
        assertThat(list("retry", "false")).hasSize(4);
        assertThat(list("intellectual_object_id__is_null", "true")).containsExactlyInAnyOrder(16L, 17L, 26L, 29L,
                33L, 39L);
        assertThat(list("generic_file_id__not_null", "true")).containsExactlyInAnyOrder(12L, 14L, 24L, 27L);
        assertThat(list("deletion_request_id", "2")).containsExactlyInAnyOrder(8L, 9L);
        // "user" is an SQL keyword: the engine quotes every column it writes
        assertThat(list("user", "admin@inst1.edu")).hasSize(5);
        assertThat(list("name", "theses_2020")).containsExactly(10L);
        assertThat(list("name__starts_with", "THESES_2020")).contains(10L);
    }

    @Test
    void sortsAndScope() {
        assertThat(list(Scope.institution(4))).containsExactly(34L, 33L, 32L, 31L, 30L);
        assertThat(list(Scope.institution(4), "sort", "updated_at__asc")).containsExactly(30L, 31L, 32L, 33L, 34L);
        assertThat(list(Scope.institution(3), "action", "Ingest", "per_page", "100")).hasSize(8);
        assertThat(list(Scope.institution(3), "institution_id", "2")).isEmpty();
        List<WorkItem> byName = LIST.list(query(Lists.WORK_ITEMS, Scope.institution(4), "sort", "name__desc"))
                .results();
        assertThat(byName).extracting(WorkItem::name).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(LIST.list(query(Lists.WORK_ITEMS, Scope.institution(2), "per_page", "2", "action", "Ingest"))
                .total()).isEqualTo(10);
    }

    @Test
    void findsById() {
        WorkItem w = DAO.find(10).orElseThrow();
        assertThat(w.status()).isEqualTo("Started");
        assertThat(w.objectIdentifier()).isEqualTo("institution1.edu/theses_2020");
        assertThat(DAO.find(999)).isEmpty();
    }
}
