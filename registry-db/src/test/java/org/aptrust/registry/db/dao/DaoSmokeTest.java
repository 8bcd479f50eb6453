package org.aptrust.registry.db.dao;

import static org.assertj.core.api.Assertions.assertThat;

import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class DaoSmokeTest {
    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final Daos DAOS = DB.daos();
    static final ListReaders LISTS = DB.lists();

    @Test
    void everyDaoListsAndFinds() {
        ListQuery all = ListQuery.of(Scope.ALL);
        assertThat(LISTS.alerts().list(all).total()).isEqualTo(31);
        assertThat(LISTS.checksums().list(all).total()).isEqualTo(80);
        assertThat(LISTS.deletions().list(all).total()).isEqualTo(4);
        assertThat(LISTS.files().list(all).total()).isEqualTo(80);
        assertThat(LISTS.institutions().list(all).total()).isEqualTo(6);
        assertThat(LISTS.objects().list(all).total()).isEqualTo(18);
        assertThat(LISTS.events().list(all).total()).isEqualTo(58);
        assertThat(LISTS.storageRecords().list(all).total()).isEqualTo(121);
        assertThat(LISTS.users().list(all).total()).isEqualTo(14);
        assertThat(LISTS.workItems().list(all).total()).isEqualTo(39);
        assertThat(DAOS.objects().detail(4).orElseThrow().pendingWorkItems()).isTrue();
        assertThat(DAOS.files().detail(4).orElseThrow().checksums()).hasSize(4);
        assertThat(DAOS.deletions().detail(2).orElseThrow().objects()).hasSize(2);
        assertThat(DAOS.alerts().find(1).orElseThrow().userId()).isNull();
    }
}
