package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.ids;
import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.db.model.StorageRecord;
import org.aptrust.registry.db.model.User;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

/** The small lists: institutions, users and storage records. */
class InstitutionAndUserDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final Daos DAOS = DB.daos();
    static final ListReaders LISTS = DB.lists();

    private static List<Long> institutions(Scope scope, String... kv) {
        return ids(LISTS.institutions().list(query(Lists.INSTITUTIONS, scope, kv)), Institution::id);
    }

    private static List<Long> users(Scope scope, String... kv) {
        return ids(LISTS.users().list(query(Lists.USERS, scope, kv)), User::id);
    }

    @Test
    void institutions() {
        assertThat(institutions(Scope.ALL)).containsExactly(1L, 5L, 6L, 2L, 3L, 4L);
        assertThat(institutions(Scope.ALL, "sort", "name__desc")).containsExactly(4L, 3L, 2L, 6L, 5L, 1L);
        assertThat(institutions(Scope.ALL, "name__contains", "INSTITUTION")).containsExactly(2L, 3L);
        assertThat(institutions(Scope.ALL, "type", "SubscriptionInstitution")).containsExactly(5L);
        assertThat(institutions(Scope.ALL, "parent_id", "2")).containsExactly(5L);
        assertThat(institutions(Scope.ALL, "parent_id__is_null", "true")).hasSize(5);
        assertThat(institutions(Scope.ALL, "deactivated_at__not_null", "true")).containsExactly(6L);
        assertThat(institutions(Scope.ALL, "state", "D")).containsExactly(6L);
        // a non-admin's scope is their own institution's row
        assertThat(institutions(Scope.institution(2))).containsExactly(2L);
        assertThat(institutions(Scope.institution(2), "identifier", "institution2.edu")).isEmpty();
        assertThat(DAOS.institutions().findByIdentifier("institution2.edu").orElseThrow().id()).isEqualTo(3);
        assertThat(DAOS.institutions().find(5).orElseThrow().parentIdentifier()).isEqualTo("institution1.edu");
        assertThat(DAOS.institutions().subAccounts(2)).extracting(Institution::id).containsExactly(5);
    }

    @Test
    void users() {
        assertThat(LISTS.users().list(query(Lists.USERS, Scope.ALL)).total()).isEqualTo(14);
        assertThat(users(Scope.ALL, "deactivated_at__not_null", "true")).containsExactly(5L);
        assertThat(users(Scope.ALL, "deactivated_at__is_null", "true")).hasSize(13);
        assertThat(users(Scope.ALL, "email__contains", "INST1", "sort", "email")).containsExactly(3L, 2L, 5L, 6L,
                4L);
        assertThat(users(Scope.ALL, "role__in", "admin", "sort", "email__desc")).containsExactly(1L, 13L);
        assertThat(users(Scope.institution(3), "sort", "email")).containsExactly(8L, 7L, 14L, 9L);
        assertThat(users(Scope.institution(3), "email", "admin@inst1.edu")).isEmpty();
        assertThat(DAOS.users().activeUsersOf(2)).extracting(User::id).doesNotContain(5).hasSize(4);
        assertThat(DAOS.users().findByEmail("ADMIN@inst1.edu").orElseThrow().id()).isEqualTo(2);
    }

    @Test
    void storageRecordsAreForAdminsOnly() {
        assertThat(LISTS.storageRecords().list(query(Lists.STORAGE_RECORDS, Scope.ALL)).total()).isEqualTo(121);
        assertThat(ids(LISTS.storageRecords().list(query(Lists.STORAGE_RECORDS, Scope.ALL, "generic_file_id", "4")),
                StorageRecord::id)).containsExactly(8L, 7L);
        assertThat(LISTS.storageRecords().list(query(Lists.STORAGE_RECORDS, Scope.ALL, "per_page", "1"))
                .results().get(0).id()).isEqualTo(121L);
        assertThat(DAOS.storageRecords().institutionIdOf(7)).contains(2);
        assertThatThrownBy(() -> LISTS.storageRecords().list(query(Lists.STORAGE_RECORDS, Scope.institution(2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be scoped");
    }
}
