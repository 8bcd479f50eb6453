package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.ids;
import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.aptrust.registry.db.dao.ListCalls.reversed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.FileFormatTotal;
import org.aptrust.registry.db.model.IntellectualObject;
import org.aptrust.registry.db.model.ObjectDetail;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

/** intellectual_objects_view through the list engine, on the fixtures (fixtures/README.md has the facts). */
class IntellectualObjectDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final IntellectualObjectDao DAO = DB.daos().objects();
    static final ListReader<IntellectualObject> LIST = DB.lists().objects();

    static final List<Long> BY_UPDATED_DESC = List.of(8L, 15L, 17L, 14L, 11L, 7L, 6L, 13L, 1L, 10L, 16L, 5L, 9L,
            18L, 12L, 4L, 3L, 2L);

    private static List<Long> list(Scope scope, String... kv) {
        return ids(LIST.list(query(Lists.OBJECTS, scope, kv)), IntellectualObject::id);
    }

    private static List<Long> list(String... kv) {
        return list(Scope.ALL, kv);
    }

    @Test
    void defaultSortIsNewestUpdateFirstAndEverySortGoesBothWays() {
        assertThat(list()).isEqualTo(BY_UPDATED_DESC);
        assertThat(list("sort", "updated_at__asc")).isEqualTo(reversed(BY_UPDATED_DESC));
        List<Long> bySizeDesc = List.of(2L, 9L, 8L, 17L, 3L, 16L, 11L, 4L, 1L, 5L, 10L, 14L, 15L, 13L, 18L, 12L, 7L,
                6L);
        assertThat(list("sort", "size__desc")).isEqualTo(bySizeDesc);
        assertThat(list("sort", "size__asc")).isEqualTo(reversed(bySizeDesc));
        List<Long> byFilesDesc = List.of(5L, 2L, 1L, 10L, 8L, 4L, 3L, 16L, 15L, 11L, 9L, 17L, 14L, 13L, 18L, 12L, 7L,
                6L);
        assertThat(list("sort", "file_count__desc")).isEqualTo(byFilesDesc);
        assertThat(list("sort", "file_count")).isEqualTo(reversed(byFilesDesc));
        assertThat(list("sort", "identifier__asc", "state", "A", "institution_id", "3"))
                .containsExactly(10L, 11L, 8L, 9L);
        assertThat(list("sort", "storage_option__desc", "sort", "identifier__asc", "institution_id", "3"))
                .containsExactly(9L, 12L, 10L, 8L, 11L);
    }

    @Test
    void filtersOfEveryKind() {
        assertThat(list("state", "A")).hasSize(14);
        assertThat(list(Scope.institution(2), "state", "A")).containsExactly(1L, 5L, 4L, 3L, 2L);
        assertThat(list("access__ne", "consortia")).hasSize(12);
        assertThat(list("access__in", "restricted", "access__in", "institution")).hasSize(12);
        assertThat(list("access__not_in", "consortia")).hasSize(12);
        assertThat(list("storage_option__in", "Wasabi-OR", "storage_option__in", "Glacier-Deep-OR", "sort",
                "identifier")).containsExactly(7L, 3L, 11L, 9L);
        assertThat(list("file_count__gteq", "5")).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 8L, 10L);
        assertThat(list("file_count__gt", "5")).containsExactlyInAnyOrder(1L, 2L, 5L);
        assertThat(list("file_count__lt", "3")).containsExactlyInAnyOrder(6L, 7L, 12L, 18L);
        assertThat(list("file_count__lteq", "3")).containsExactlyInAnyOrder(6L, 7L, 12L, 18L, 13L, 14L, 17L);
        assertThat(list("file_count", "9")).containsExactly(5L);
        assertThat(list("size__gteq", "1000000000")).containsExactlyInAnyOrder(2L, 9L);
        assertThat(list("payload_file_count__gteq", "4")).containsExactlyInAnyOrder(2L, 5L);
        assertThat(list("created_at__gteq", "2024-01-01", "created_at__lt", "2025-01-01"))
                .containsExactlyInAnyOrder(11L, 13L, 14L);
        assertThat(list("identifier", "institution1.edu/theses_2020")).containsExactly(4L);
        // starts_with is case-insensitive, like the original's ILIKE, and takes % and _ literally
        assertThat(list("identifier__starts_with", "INSTITUTION2.EDU/")).containsExactlyInAnyOrder(8L, 9L, 10L,
                11L, 12L);
        assertThat(list("identifier__starts_with", "institution2.edu/%")).isEmpty();
        assertThat(list("institution_parent_id", "2")).containsExactlyInAnyOrder(16L, 17L, 18L);
    }

    @Test
    void pagingEdges() {
        Page<IntellectualObject> last = LIST.list(query(Lists.OBJECTS, "per_page", "5", "page", "4"));
        assertThat(ids(last, IntellectualObject::id)).containsExactly(4L, 3L, 2L);
        assertThat(last.total()).isEqualTo(18);
        assertThat(last.hasNext()).isFalse();
        Page<IntellectualObject> beyond = LIST.list(query(Lists.OBJECTS, "per_page", "5", "page", "5"));
        assertThat(beyond.results()).isEmpty();
        assertThat(beyond.total()).isEqualTo(18);
        Page<IntellectualObject> fullLast = LIST.list(query(Lists.OBJECTS, "per_page", "6", "page", "3"));
        assertThat(ids(fullLast, IntellectualObject::id)).containsExactly(9L, 18L, 12L, 4L, 3L, 2L);
        assertThat(fullLast.total()).isEqualTo(18);
        // pages put together are the whole list, each row once
        List<Long> walked = new java.util.ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            walked.addAll(ids(LIST.list(query(Lists.OBJECTS, "per_page", "5", "page", String.valueOf(p), "sort",
                    "storage_option")), IntellectualObject::id));
        }
        assertThat(walked).doesNotHaveDuplicates().hasSize(18);
    }

    @Test
    void totalsComeFromTheCountViewOrAnExactCount() {
        assertThat(LIST.list(query(Lists.OBJECTS, "per_page", "2", "state", "A")).total()).isEqualTo(14);
        assertThat(LIST.list(query(Lists.OBJECTS, Scope.institution(2), "per_page", "2", "state", "D")).total())
                .isEqualTo(2);
        assertThat(LIST.list(query(Lists.OBJECTS, "per_page", "2", "access", "consortia")).total()).isEqualTo(6);
    }

    @Test
    void anInstitutionNeverSeesAnothersObjects() {
        assertThat(list(Scope.institution(3))).containsExactlyInAnyOrder(8L, 9L, 10L, 11L, 12L);
        assertThat(list(Scope.institution(3), "institution_id", "2")).isEmpty();
        assertThat(list(Scope.institution(3), "identifier", "institution1.edu/theses_2020")).isEmpty();
        assertThat(LIST.list(query(Lists.OBJECTS, Scope.institution(3), "per_page", "2", "institution_id", "2"))
                .total()).isZero();
    }

    @Test
    void streamingGivesEveryRowInListOrderUpToTheCap() {
        List<Long> streamed = new java.util.ArrayList<>();
        int sent = LIST.stream(query(Lists.OBJECTS, "per_page", "5", "page", "3"), 1000,
                o -> streamed.add((long) o.id()));
        assertThat(sent).isEqualTo(18);
        assertThat(streamed).isEqualTo(BY_UPDATED_DESC);
        List<Long> capped = new java.util.ArrayList<>();
        assertThat(LIST.stream(query(Lists.OBJECTS, Scope.institution(2), "sort", "size__desc"), 3,
                o -> capped.add((long) o.id()))).isEqualTo(3);
        assertThat(capped).containsExactly(2L, 3L, 4L);
    }

    @Test
    void findsByIdAndIdentifier() {
        IntellectualObject o = DAO.findByIdentifier("institution1.edu/theses_2020").orElseThrow();
        assertThat(o.id()).isEqualTo(4);
        assertThat(o.institutionIdentifier()).isEqualTo("institution1.edu");
        assertThat(DAO.find(5).orElseThrow()).extracting(IntellectualObject::fileCount,
                IntellectualObject::payloadFileCount).containsExactly(9L, 6L);
        assertThat(DAO.find(999)).isEmpty();
        assertThat(DAO.findByIdentifier("nobody.edu/nothing")).isEmpty();
    }

    @Test
    void detailHasFormatsTotalsAndThePendingWorkFlag() {
        ObjectDetail d = DAO.detail(1).orElseThrow();
        assertThat(d.object().values().identifier()).isEqualTo("institution1.edu/photo_collection_2016");
        assertThat(d.formats()).containsExactly(new FileFormatTotal("image/jpeg", 2, 5_448_133),
                new FileFormatTotal("application/xml", 1, 8_812), new FileFormatTotal("text/plain", 3, 437));
        assertThat(d.total()).isEqualTo(new FileFormatTotal(null, 6, 5_457_382));
        assertThat(d.total().totalBytes()).isEqualTo(d.object().size());
        // work item 12, a pending Restore File of this object, named photo_collection_2016.tar
        assertThat(d.pendingWorkItems()).isTrue();
        assertThat(DAO.detail(2).orElseThrow().pendingWorkItems()).isFalse();
        // work item 10 (Started) is named exactly like object 4's bag
        assertThat(DAO.detail(4).orElseThrow().pendingWorkItems()).isTrue();
        // Better than the original, which matched the bare bag name only: object 11's pending Glacier Restore is
        // named lab_notebooks.tar.
        assertThat(DAO.detail(11).orElseThrow().pendingWorkItems()).isTrue();
        assertThat(DAO.detail(6).orElseThrow().formats()).isEmpty();
        assertThat(DAO.detail(999)).isEmpty();
    }
}
