package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.ids;
import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Checksum;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class ChecksumDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final ChecksumDao DAO = DB.daos().checksums();
    static final ListReader<Checksum> LIST = DB.lists().checksums();

    private static List<Long> list(Scope scope, String... kv) {
        return ids(LIST.list(query(Lists.CHECKSUMS, scope, kv)), Checksum::id);
    }

    @Test
    void filtersSortsAndScope() {
        assertThat(LIST.list(query(Lists.CHECKSUMS, Scope.ALL)).total()).isEqualTo(80);
        assertThat(LIST.list(query(Lists.CHECKSUMS, Scope.ALL, "per_page", "1", "algorithm", "md5")).total())
                .isEqualTo(35);
        assertThat(list(Scope.ALL, "algorithm__in", "sha1", "algorithm__in", "sha512")).hasSize(4);
        assertThat(list(Scope.ALL, "algorithm__not_in", "md5", "algorithm__not_in", "sha256")).hasSize(4);
        assertThat(list(Scope.ALL, "generic_file_id", "4", "sort", "datetime__desc")).hasSize(4)
                .startsWith(80L, 79L).endsWith(4L);
        assertThat(list(Scope.ALL, "generic_file_id", "4", "sort", "datetime__asc")).startsWith(4L).endsWith(80L);
        assertThat(list(Scope.ALL, "digest", "4ccc36397b9a8e284c448ee5baee7ebc")).containsExactly(79L);
        assertThat(LIST.list(query(Lists.CHECKSUMS, Scope.institution(4), "per_page", "5")).total()).isEqualTo(8);
        assertThat(list(Scope.institution(4), "generic_file_id", "4")).isEmpty();
        assertThat(DAO.find(80).orElseThrow().genericFileIdentifier()).endsWith("photo_001.jpg");
        assertThat(DAO.find(999)).isEmpty();
    }
}
