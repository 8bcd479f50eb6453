package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.ids;
import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.DeletionDetail;
import org.aptrust.registry.db.model.DeletionRequest;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class DeletionRequestDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final DeletionRequestDao DAO = DB.daos().deletions();
    static final ListReader<DeletionRequest> LIST = DB.lists().deletions();

    private static List<Long> list(Scope scope, String... kv) {
        return ids(LIST.list(query(Lists.DELETIONS, scope, kv)), DeletionRequest::id);
    }

    @Test
    void filtersSortsAndScope() {
        assertThat(list(Scope.ALL)).containsExactly(1L, 4L, 3L, 2L);
        assertThat(list(Scope.ALL, "sort", "requested_at__asc")).containsExactly(2L, 3L, 4L, 1L);
        assertThat(list(Scope.institution(2))).containsExactly(1L, 2L);
        assertThat(list(Scope.ALL, "confirmed_at__not_null", "true")).containsExactly(4L, 2L);
        assertThat(list(Scope.ALL, "cancelled_at__not_null", "true")).containsExactly(3L);
        assertThat(list(Scope.ALL, "confirmed_at__is_null", "true", "cancelled_at__is_null", "true"))
                .containsExactly(1L);
        assertThat(list(Scope.ALL, "requested_at__gteq", "2025-01-01", "requested_at__lteq", "2026-03-31"))
                .containsExactly(4L, 3L);
        assertThat(list(Scope.ALL, "sort", "object_count__desc")).containsExactly(2L, 3L, 4L, 1L);
        assertThat(list(Scope.ALL, "sort", "file_count__asc", "sort", "requested_at__asc")).containsExactly(2L, 3L,
                4L, 1L);
        assertThat(list(Scope.institution(2), "institution_id", "3")).isEmpty();
    }

    @Test
    void theCancellerIsTheCancellerNotTheConfirmer() {
        DeletionRequest r = DAO.find(3).orElseThrow();
        assertThat(r.cancelledByEmail()).isEqualTo("admin2@inst2.edu");
        assertThat(r.confirmedByEmail()).isNull();
    }

    @Test
    void detailHasFilesObjectsAndWorkItems() {
        DeletionDetail approved = DAO.detail(2).orElseThrow();
        assertThat(approved.request().confirmedByEmail()).isEqualTo("admin2@inst1.edu");
        assertThat(approved.objects()).extracting(IntellectualObject::id).containsExactly(6, 7);
        assertThat(approved.files()).isEmpty();
        assertThat(approved.workItems()).extracting(WorkItem::id).containsExactly(8, 9);
        DeletionDetail fileRequest = DAO.detail(4).orElseThrow();
        assertThat(fileRequest.files()).extracting(GenericFile::id).containsExactly(46);
        assertThat(fileRequest.workItems()).extracting(WorkItem::id).containsExactly(24);
        assertThat(DAO.detail(1).orElseThrow().files()).extracting(GenericFile::id).containsExactly(13);
        assertThat(DAO.detail(99)).isEmpty();
    }
}
