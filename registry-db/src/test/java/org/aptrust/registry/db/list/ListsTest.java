package org.aptrust.registry.db.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every list's whitelist: it names only real columns, and every kind of bad input is a typed, named error. */
class ListsTest {

    static Stream<ListSpec> specs() throws IllegalAccessException {
        List<ListSpec> all = new ArrayList<>();
        for (Field f : Lists.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ListSpec.class) {
                all.add((ListSpec) f.get(null));
            }
        }
        assertThat(all).hasSize(10);
        return all.stream();
    }

    private static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    private static ListQueryException error(ListSpec spec, String... kv) {
        ListQueryException e = catchThrowableOfType(() -> ListQuery.parse(spec, params(kv), Scope.ALL, Set.of()),
                ListQueryException.class);
        assertThat(e).as("an error for " + List.of(kv)).isNotNull();
        return e;
    }

    private static Set<String> columnsOf(PreparedStatement ps, String relation) throws Exception {
        ps.setString(1, relation);
        Set<String> columns = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    @Test
    void everyFilteredSortedScopedAndCountedColumnExistsInItsRelation() throws Exception {
        TestDatabase db = TestPostgres.fixtureDatabase();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped")) {
            for (ListSpec spec : specs().toList()) {
                Set<String> columns = columnsOf(ps, spec.relation());
                assertThat(spec.columns()).as(spec.name() + " columns (every one sorts)")
                        .containsExactlyInAnyOrderElementsOf(columns);
                assertThat(columns).as(spec.name() + " filters").containsAll(spec.filters().keySet());
                assertThat(columns).as(spec.name() + " sorts").containsAll(spec.sortable());
                assertThat(columns).as(spec.name() + " key").containsAll(spec.keyColumns());
                spec.defaultSort().forEach(s -> assertThat(columns).contains(s.column()));
                if (spec.institutionColumn() != null) {
                    assertThat(columns).contains(spec.institutionColumn());
                }
                if (spec.userColumn() != null) {
                    assertThat(columns).contains(spec.userColumn());
                }
                if (spec.countView() != null) {
                    assertThat(columns).containsAll(spec.countView().dimensions());
                }
                if (spec.baseTable() != null) {
                    // every whitelisted column not declared view-only is the table's own
                    Set<String> table = columnsOf(ps, spec.baseTable());
                    Set<String> used = new HashSet<>(spec.filters().keySet());
                    used.addAll(spec.sortable());
                    used.addAll(spec.keyColumns());
                    used.add(spec.institutionColumn());
                    used.removeAll(spec.viewOnlyColumns());
                    assertThat(table).as(spec.name() + " base table " + spec.baseTable()).containsAll(used);
                    assertThat(spec.viewOnlyColumns()).allSatisfy(col -> assertThat(table).doesNotContain(col));
                }
            }
        } finally {
            db.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void unknownParametersAndSortsAreRejectedWithWhatIsAllowed(ListSpec spec) {
        ListQueryException e = error(spec, "password", "x");
        assertThat(e.parameter()).isEqualTo("password");
        assertThat(e.getMessage()).contains("unknown parameter 'password'").contains("page, per_page, sort");
        assertThat(e.allowed()).contains(spec.filterKeys().get(0));
        ListQueryException s = error(spec, "sort", "password__asc");
        assertThat(s.parameter()).isEqualTo("sort");
        assertThat(s.getMessage()).contains("no column 'password'");
        assertThat(s.allowed()).contains(spec.columns().iterator().next()).contains("__desc");
        assertThat(error(spec, "page", "0").parameter()).isEqualTo("page");
        assertThat(error(spec, "per_page", "0").parameter()).isEqualTo("per_page");
    }

    @Test
    void theApiDocumentsSpellingsAreRead() {
        // deletion_requests_view has stage and status again (025): the latest work item's
        assertThat(ListQuery.parse(Lists.DELETIONS, params("stage", "Resolve", "sort", "status__asc"), Scope.ALL,
                Set.of()).sorts()).containsExactly(Sort.asc("status"));
        // is_not_null is the document's spelling of not_null
        assertThat(ListQuery.parse(Lists.USERS, params("deactivated_at__is_not_null", "true"), Scope.ALL, Set.of())
                .filters()).containsExactly(new Filter("deactivated_at", Op.NOT_NULL, List.of()));
        assertThat(ListQuery.parse(Lists.USERS, params("deactivated_at__not_null", "true"), Scope.ALL, Set.of())
                .filters()).containsExactly(new Filter("deactivated_at", Op.NOT_NULL, List.of()));
        // a misspelled sort the document publishes, and a name the view lacks, sort by what they mean
        assertThat(ListQuery.parse(Lists.CHECKSUMS, params("sort", "generic_file_identfier__desc"), Scope.ALL,
                Set.of()).sorts()).containsExactly(Sort.desc("generic_file_identifier"));
        assertThat(ListQuery.parse(Lists.WORK_ITEMS, params("sort", "identifier"), Scope.ALL, Set.of()).sorts())
                .containsExactly(Sort.asc("object_identifier"));
    }

    @Test
    void sortsReadAsTheOriginalReadsThem() {
        ListQuery q = ListQuery.parse(Lists.OBJECTS, params("sort", "access", "sort", "created_at__desc",
                "sort", "title__sideways", "sort", "id__asc"), Scope.ALL, Set.of());
        assertThat(q.sorts()).containsExactly(Sort.asc("access"), Sort.desc("created_at"), Sort.asc("title"),
                Sort.asc("id"));
        assertThat(Lists.OBJECTS.indexed(q.sorts())).isFalse();
        assertThat(Lists.OBJECTS.indexed(List.of(Sort.asc("id"), Sort.desc("updated_at")))).isTrue();
        ListQueryException e = error(Lists.FILES, "sort", "colour__asc");
        assertThat(e.getMessage()).contains("generic_files_view has no column 'colour'");
        assertThat(e.allowed()).contains("mod_time", "uuid", "__asc or __desc");
    }

    @Test
    void everyKindOfBadValueNamesTheParameterAndWhatIsAllowed() {
        ListQueryException op = error(Lists.OBJECTS, "state__gt", "A");
        assertThat(op.parameter()).isEqualTo("state__gt");
        assertThat(op.allowed()).isEqualTo("state");
        assertThat(error(Lists.OBJECTS, "file_count__gteq", "ten").allowed()).isEqualTo("an integer");
        assertThat(error(Lists.OBJECTS, "updated_at__gteq", "yesterday").allowed()).startsWith("a date");
        assertThat(error(Lists.WORK_ITEMS, "retry", "maybe").allowed()).isEqualTo("true or false");
        assertThat(error(Lists.WORK_ITEMS, "node__is_null", "sometimes").allowed()).isEqualTo("true, false");
        ListQueryException en = error(Lists.WORK_ITEMS, "status__in", "Success", "status__in", "Done");
        assertThat(en.parameter()).isEqualTo("status__in");
        assertThat(en.allowed()).contains("Pending", "Suspended");
        assertThat(error(Lists.OBJECTS, "state", "A", "state", "D").allowed()).contains("state__in");
        assertThat(error(Lists.OBJECTS, "institution_id", "2.5").parameter()).isEqualTo("institution_id");
        assertThat(error(Lists.ALERTS, "id", "99999999999999999999").parameter()).isEqualTo("id");
        assertThat(error(Lists.OBJECTS, "page", "-1").parameter()).isEqualTo("page");
        assertThat(error(Lists.OBJECTS, "page", "two").parameter()).isEqualTo("page");
        assertThat(error(Lists.OBJECTS, "per_page", "0").parameter()).isEqualTo("per_page");
        assertThat(error(Lists.OBJECTS, "sort", "sizes__asc").parameter()).isEqualTo("sort");
        assertThat(error(Lists.EVENTS, "sort", "object_identifier__asc").parameter()).isEqualTo("sort");
    }

    @Test
    void theEngineRefusesAHandBuiltQueryOutsideTheWhitelist() {
        ListQuery q = ListQuery.of(Scope.ALL, new Filter("encrypted_password", Op.EQ, List.of("x")));
        assertThatThrownBy(() -> ListEngine.where(Lists.USERS, q)).isInstanceOf(ListQueryException.class)
                .hasMessageContaining("encrypted_password");
        ListQuery sorted = ListQuery.of(Scope.ALL).withSorts(List.of(Sort.asc("encrypted_password")));
        assertThatThrownBy(() -> ListEngine.orderBy(Lists.USERS, sorted, "")).isInstanceOf(ListQueryException.class)
                .extracting(e -> ((ListQueryException) e).parameter()).isEqualTo("sort");
    }
}
