package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.web.auth.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every list page asks only for what its list's whitelist allows: filter keys, their choices, sort keys. */
class ListPageDefinitionsTest {

    static List<ListPage<?>> all(Viewer v) {
        List<FilterField.Option> institutions = List.of(new FilterField.Option("2", "Institution One"));
        return List.of(ObjectPages.list(v, institutions), FilePages.list(v, institutions),
                EventPages.list(v, institutions), WorkItemPages.list(v, institutions),
                AlertPages.list(v, institutions, List.of(new FilterField.Option("1", "A user"))),
                DeletionPages.list(v, institutions), InstitutionPages.list(),
                UserPages.list(v, institutions));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "INSTITUTIONAL_ADMIN", "INSTITUTIONAL_USER"})
    void filterFieldsAndSortKeysAreWhitelisted(Role role) {
        Viewer v = new Viewer(1, "x@y.edu", "X", role, 2);
        for (ListPage<?> page : all(v)) {
            for (FilterField f : page.filters()) {
                assertThatCode(() -> ListQuery.parse(page.spec(), Map.of(f.name(), List.of("")), Scope.ALL, Set.of()))
                        .as(page.title() + " field " + f.name()).doesNotThrowAnyException();
                for (FilterField.Option o : f.options()) {
                    assertThatCode(() -> ListQuery.parse(page.spec(), Map.of(f.name(), List.of(o.value())),
                            Scope.ALL, Set.of())).as(page.title() + " " + f.name() + "=" + o.value())
                            .doesNotThrowAnyException();
                }
            }
            for (ListPage.Preset preset : page.presets()) {
                Map<String, List<String>> params = new java.util.LinkedHashMap<>();
                for (String pair : preset.href().substring(preset.href().indexOf('?') + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    params.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>())
                            .add(java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
                }
                assertThatCode(() -> ListQuery.parse(page.spec(), params, Scope.ALL, Set.of()))
                        .as(page.title() + " preset " + preset.label()).doesNotThrowAnyException();
                assertThat(preset.href()).startsWith(page.path() + "?");
            }
            for (Column<?> c : page.columns()) {
                if (c.sortKey() != null) {
                    assertThat(page.spec().sortable()).as(page.title() + " sorts by " + c.sortKey())
                            .contains(c.sortKey());
                }
            }
        }
    }

    @Test
    void institutionPickersAndColumnsAreForAdminsOnly() {
        Viewer user = new Viewer(4, "user@inst1.edu", "U", Role.INSTITUTIONAL_USER, 2);
        for (ListPage<?> page : all(user)) {
            assertThat(page.filters()).extracting(FilterField::name).doesNotContain("institution_id");
            assertThat(page.columns()).extracting(Column::label).doesNotContain("Institution");
        }
    }
}
