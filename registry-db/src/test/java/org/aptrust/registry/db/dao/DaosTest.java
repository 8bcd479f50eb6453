package org.aptrust.registry.db.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.aptrust.registry.db.list.Filter;
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

/** The on-demand DAOs: lists run the engine directly, everything else goes through Jdbi's SQL objects. */
class DaosTest {

    static final Jdbi JDBI = TestJdbi.on(TestPostgres.fixtureDatabase());
    static final Daos DAOS = Daos.onDemand(JDBI);

    @Test
    void aListIsTheSameAsThroughTheSqlObject() {
        ListQuery q = ListCalls.query(Lists.OBJECTS, Scope.institution(2), "sort", "identifier__asc", "per_page",
                "3", "page", "2");
        try (Handle h = JDBI.open()) {
            var attached = h.attach(IntellectualObjectDao.class).list(q);
            var direct = DAOS.objects().list(q);
            assertThat(direct.results()).isEqualTo(attached.results()).hasSize(3);
            assertThat(direct.total()).isEqualTo(attached.total());
        }
        assertThat(DAOS.objects().listSpec()).isSameAs(Lists.OBJECTS);
        assertThat(DAOS.objects().rowMapper()).isSameAs(IntellectualObjectDao.ROW);
    }

    /**
     * listSpec() and rowMapper(), which every list route calls, are answered by the proxy itself: each DAO overrides
     * them, and matching them by Method identity sent every call through Jdbi's on-demand attach.
     */
    @Test
    void theListsOwnMethodsNeedNoConnection() {
        javax.sql.DataSource ds = TestPostgres.fixtureDatabase().dataSource();
        int[] handles = {0};
        Jdbi counting = Daos.configure(Jdbi.create(() -> {
            handles[0]++;
            return ds.getConnection();
        }));
        Daos daos = Daos.onDemand(counting);
        int before = handles[0];
        daos.objects().listSpec();
        daos.files().rowMapper();
        daos.events().listSpec();
        assertThat(handles[0]).isEqualTo(before);
        daos.objects().find(1); // an ordinary on-demand call does take one
        assertThat(handles[0]).isEqualTo(before + 1);
    }

    @Test
    void everyOtherMethodGoesToTheSqlObject() {
        IntellectualObject first = DAOS.objects().find(1).orElseThrow();
        assertThat(DAOS.objects().findByIdentifier(first.identifier())).contains(first);
        List<IntellectualObject> streamed = new ArrayList<>();
        assertThat(DAOS.objects().stream(ListQuery.of(Scope.ALL), 5, streamed::add)).isEqualTo(5);
        assertThat(streamed).hasSize(5);
        assertThat(DAOS.objects().toString()).contains("IntellectualObjectDao");
        assertThat(DAOS.objects()).isEqualTo(DAOS.objects()).isNotEqualTo(DAOS.files());
    }

    /** The engine's typed errors reach the caller as themselves, whichever path the call took. */
    @Test
    void errorsAreNotWrapped() {
        ListQuery unknown = new ListQuery(List.of(new Filter("no_such_column", Op.EQ, List.of("x"))), List.of(), 1,
                20, Scope.ALL);
        assertThatThrownBy(() -> DAOS.objects().list(unknown)).isInstanceOf(ListQueryException.class);
        assertThatThrownBy(() -> DAOS.objects().stream(unknown, 5, o -> { }))
                .isInstanceOf(ListQueryException.class);
    }
}
