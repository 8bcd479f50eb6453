package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Alert;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class AlertDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final AlertDao DAO = DB.daos().alerts();
    static final ListReader<Alert> LIST = DB.lists().alerts();

    private static Page<Alert> page(Scope scope, String... kv) {
        return LIST.list(query(Lists.ALERTS, scope, kv));
    }

    @Test
    void aUserSeesOnlyTheirOwnAlerts() {
        Page<Alert> mine = page(new Scope(2, 2));
        assertThat(mine.total()).isEqualTo(6);
        assertThat(mine.results()).allSatisfy(a -> assertThat(a.userId()).isEqualTo(2));
        assertThat(page(new Scope(2, 2), "read_at__is_null", "true").total()).isEqualTo(2);
        assertThat(page(new Scope(3, 7)).total()).isEqualTo(7);
        assertThat(page(new Scope(3, 7), "user_id", "8").results()).isEmpty();
        assertThat(page(new Scope(2, 2), "institution_id", "3").results()).isEmpty();
    }

    @Test
    void anAdminSeesEveryRecipientRow() {
        assertThat(page(Scope.ALL, "per_page", "100").results()).hasSize(31);
        assertThat(page(Scope.ALL, "user_id", "13").results()).extracting(Alert::id).containsExactly(17L);
        assertThat(page(Scope.ALL, "type", "Failed Fixity Check", "per_page", "3").total()).isEqualTo(4);
        assertThat(page(Scope.ALL, "id__in", "10", "id__in", "11", "read_at__not_null", "true").results())
                .extracting(Alert::id, Alert::userId).containsExactly(org.assertj.core.groups.Tuple.tuple(11L, 8));
    }

    @Test
    void rowsOfOneAlertAreOrderedByRecipientAndPagesDoNotRepeat() {
        List<Alert> all = page(Scope.ALL, "per_page", "100", "sort", "type").results();
        List<Alert> paged = new java.util.ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            paged.addAll(page(Scope.ALL, "per_page", "8", "page", String.valueOf(p), "sort", "type").results());
        }
        assertThat(paged).isEqualTo(all);
        assertThat(page(Scope.ALL, "per_page", "8", "page", "5").results()).isEmpty();
    }

    @Test
    void findsTheAlertAndEachRecipientsCopy() {
        Alert alert = DAO.find(1).orElseThrow();
        assertThat(alert.type()).isEqualTo("Deletion Requested");
        assertThat(alert.userId()).isNull();
        assertThat(DAO.find(1, 3).orElseThrow().readAt()).isNull();
        assertThat(DAO.find(1, 2).orElseThrow().readAt()).isNotNull();
        assertThat(DAO.find(1, 7)).isEmpty();
        assertThat(DAO.recipients(1)).extracting(Alert::userId).containsExactly(2, 3);
        assertThat(DAO.countUnread(2)).isEqualTo(2);
        assertThat(DAO.countUnread(1)).isZero();
        assertThat(DAO.find(999)).isEmpty();
    }
}
