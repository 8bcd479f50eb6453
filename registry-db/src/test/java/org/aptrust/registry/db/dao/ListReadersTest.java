package org.aptrust.registry.db.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.aptrust.registry.db.list.CountViewTotals;
import org.aptrust.registry.db.list.Filter;
import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListQueryException;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Op;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.testing.TestJdbi;
import org.aptrust.registry.db.testing.TestPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The list readers run the engine on a handle of their own; the DAOs are Jdbi's on-demand SQL objects. */
class ListReadersTest {

    static final Jdbi JDBI = TestJdbi.on(TestPostgres.fixtureDatabase());
    static final Daos DAOS = Daos.onDemand(JDBI);
    static final ListReaders LISTS = TestJdbi.readers(JDBI);

    @Test
    void aListIsTheSameAsTheEngineOnAHandle() {
        ListQuery q = ListCalls.query(Lists.OBJECTS, Scope.institution(2), "sort", "identifier__asc", "per_page",
                "3", "page", "2");
        try (Handle h = JDBI.open()) {
            var attached = ListEngine.list(h, Lists.OBJECTS, q, LISTS.objects().mapper(), new CountViewTotals());
            var direct = LISTS.objects().list(q);
            assertThat(direct.results()).isEqualTo(attached.results()).hasSize(3);
            assertThat(direct.total()).isEqualTo(attached.total());
        }
        assertThat(LISTS.objects().spec()).isSameAs(Lists.OBJECTS);
        assertThat(LISTS.objects().mapper()).isSameAs(LISTS.objects().mapper());
    }

    /** A reader's spec and mapper, which every list route reads, need no connection. */
    @Test
    void theListsOwnMethodsNeedNoConnection() {
        javax.sql.DataSource ds = TestPostgres.fixtureDatabase().dataSource();
        int[] handles = {0};
        Jdbi counting = Daos.configure(Jdbi.create(() -> {
            handles[0]++;
            return ds.getConnection();
        }));
        Daos daos = Daos.onDemand(counting);
        ListReaders lists = TestJdbi.readers(counting);
        int before = handles[0];
        lists.objects().spec();
        lists.files().mapper();
        lists.events().spec();
        assertThat(handles[0]).isEqualTo(before);
        daos.objects().find(1); // an ordinary on-demand call does take one
        assertThat(handles[0]).isEqualTo(before + 1);
    }

    @Test
    void everyOtherMethodGoesToTheSqlObject() {
        IntellectualObject first = DAOS.objects().find(1).orElseThrow();
        assertThat(DAOS.objects().findByIdentifier(first.values().identifier())).contains(first);
        List<IntellectualObject> streamed = new ArrayList<>();
        assertThat(LISTS.objects().stream(ListQuery.of(Scope.ALL), 5, streamed::add)).isEqualTo(5);
        assertThat(streamed).hasSize(5);
        assertThat(LISTS.objects().toString()).contains("IntellectualObjectDao");
        assertThat(LISTS.objects()).isEqualTo(LISTS.objects()).isNotEqualTo(LISTS.files());
    }

    /** The engine's typed errors reach the caller as themselves, whichever path the call took. */
    @Test
    void errorsAreNotWrapped() {
        ListQuery unknown = new ListQuery(List.of(new Filter("no_such_column", Op.EQ, List.of("x"))), List.of(), 1,
                20, Scope.ALL);
        assertThatThrownBy(() -> LISTS.objects().list(unknown)).isInstanceOf(ListQueryException.class);
        assertThatThrownBy(() -> LISTS.objects().stream(unknown, 5, o -> { }))
                .isInstanceOf(ListQueryException.class);
    }

    /** No scope is a mistake, never "every institution": that is Scope.ALL, said so. */
    @Test
    void aQueryWithoutAScopeIsRefused() {
        assertThatThrownBy(() -> ListQuery.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> new ListQuery(List.of(), List.of(), 1, 20, null))
                .isInstanceOf(NullPointerException.class);
    }
}
