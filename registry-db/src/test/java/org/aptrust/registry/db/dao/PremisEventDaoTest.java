package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.ids;
import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.aptrust.registry.db.dao.ListCalls.reversed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class PremisEventDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final PremisEventDao DAO = DB.daos().events();
    static final ListReader<PremisEvent> LIST = DB.lists().events();

    private static List<Long> list(Scope scope, String... kv) {
        return ids(LIST.list(query(Lists.EVENTS, scope, kv)), PremisEvent::id);
    }

    private static long total(Scope scope, String... kv) {
        return LIST.list(query(Lists.EVENTS, scope, kv)).total();
    }

    @Test
    void totalsFromTheCountViewAndExactly() {
        assertThat(total(Scope.ALL, "per_page", "5")).isEqualTo(58);
        assertThat(total(Scope.institution(2), "per_page", "5")).isEqualTo(30);
        assertThat(total(Scope.institution(2), "per_page", "1", "outcome", "Failed")).isEqualTo(2);
        assertThat(total(Scope.ALL, "per_page", "1", "event_type", "ingestion", "outcome", "Success"))
                .isEqualTo(26);
        assertThat(total(Scope.ALL, "per_page", "1", "event_type__in", "deletion", "event_type__in", "accession"))
                .isEqualTo(7);
        assertThat(total(Scope.ALL, "per_page", "1", "generic_file_id__is_null", "true")).isEqualTo(31);
        assertThat(total(Scope.ALL, "per_page", "1", "generic_file_id__not_null", "true")).isEqualTo(27);
        assertThat(total(Scope.ALL, "per_page", "1", "generic_file_id__is_null", "false")).isEqualTo(27);
    }

    @Test
    void filtersSortsAndScope() {
        List<Long> inst4 = List.of(47L, 50L, 51L, 48L, 49L, 46L);
        assertThat(list(Scope.institution(4))).isEqualTo(inst4);
        assertThat(list(Scope.institution(4), "sort", "date_time__asc")).isEqualTo(reversed(inst4));
        assertThat(list(Scope.ALL, "event_type", "fixity check", "outcome", "Failed", "sort", "date_time"))
                .containsExactly(24L, 9L, 36L, 47L);
        assertThat(list(Scope.ALL, "date_time__gteq", "2026-11-01", "date_time__lt", "2026-12-01", "outcome",
                "Failed")).containsExactly(47L, 36L, 9L);
        assertThat(list(Scope.ALL, "generic_file_id", "4")).containsExactly(9L, 8L, 7L, 4L, 6L, 5L);
        assertThat(list(Scope.ALL, "generic_file_identifier",
                "institution1.edu/photo_collection_2016/data/images/photo_001.jpg")).hasSize(6);
        assertThat(list(Scope.ALL, "intellectual_object_identifier", "test.edu/test_bag_1", "generic_file_id__is_null",
                "true")).isNotEmpty().allSatisfy(id -> assertThat(id).isBetween(46L, 51L));
        assertThat(list(Scope.ALL, "event_type__not_in", "ingestion", "per_page", "100")).hasSize(32);
        assertThat(list(Scope.institution(3), "generic_file_id", "4")).isEmpty();
        assertThat(list(Scope.ALL, "sort", "outcome", "per_page", "4")).containsExactly(9L, 24L, 36L, 47L);
    }

    @Test
    void findsByIdAndUuid() {
        PremisEvent e = DAO.find(9).orElseThrow();
        assertThat(e.outcome()).isEqualTo("Failed");
        assertThat(e.genericFileIdentifier()).endsWith("photo_001.jpg");
        assertThat(DAO.findByIdentifier(e.identifier()).orElseThrow().id()).isEqualTo(9);
        assertThat(DAO.findByIdentifier("00000000-0000-0000-0000-000000000000")).isEmpty();
    }
}
