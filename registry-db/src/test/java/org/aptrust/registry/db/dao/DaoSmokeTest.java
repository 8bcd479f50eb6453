package org.aptrust.registry.db.dao;

import static org.assertj.core.api.Assertions.assertThat;

import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class DaoSmokeTest {
    static final Daos DAOS = TestJdbi.fixtureDaos();

    @Test
    void everyDaoListsAndFinds() {
        ListQuery all = ListQuery.of(Scope.ALL);
        assertThat(DAOS.alerts().list(all).total()).isEqualTo(31);
        assertThat(DAOS.checksums().list(all).total()).isEqualTo(80);
        assertThat(DAOS.deletions().list(all).total()).isEqualTo(4);
        assertThat(DAOS.files().list(all).total()).isEqualTo(80);
        assertThat(DAOS.institutions().list(all).total()).isEqualTo(6);
        assertThat(DAOS.objects().list(all).total()).isEqualTo(18);
        assertThat(DAOS.events().list(all).total()).isEqualTo(58);
        assertThat(DAOS.storageRecords().list(all).total()).isEqualTo(121);
        assertThat(DAOS.users().list(all).total()).isEqualTo(14);
        assertThat(DAOS.workItems().list(all).total()).isEqualTo(39);
        assertThat(DAOS.objects().detail(4).orElseThrow().pendingWorkItems()).isTrue();
        assertThat(DAOS.files().detail(4).orElseThrow().checksums()).hasSize(4);
        assertThat(DAOS.deletions().detail(2).orElseThrow().objects()).hasSize(2);
        assertThat(DAOS.alerts().find(1).orElseThrow().userId()).isNull();
    }
}
