package org.aptrust.registry.db.dao;

import static org.aptrust.registry.db.dao.ListCalls.ids;
import static org.aptrust.registry.db.dao.ListCalls.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.aptrust.registry.db.list.ListReader;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.list.Page;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Checksum;
import org.aptrust.registry.db.model.FileDetail;
import org.aptrust.registry.db.model.GenericFile;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.model.StorageRecord;
import org.aptrust.registry.db.testing.TestJdbi;
import org.junit.jupiter.api.Test;

class GenericFileDaoTest {

    static final TestJdbi.Fixture DB = TestJdbi.fixture();
    static final GenericFileDao DAO = DB.daos().files();
    static final ListReader<GenericFile> LIST = DB.lists().files();

    private static List<Long> list(Scope scope, String... kv) {
        return ids(LIST.list(query(Lists.FILES, scope, kv)), GenericFile::id);
    }

    private static List<Long> list(String... kv) {
        return list(Scope.ALL, kv);
    }

    private static long total(Scope scope, String... kv) {
        return LIST.list(query(Lists.FILES, scope, kv)).total();
    }

    @Test
    void totalsPerInstitutionAndState() {
        assertThat(total(Scope.ALL)).isEqualTo(80);
        assertThat(total(Scope.ALL, "state", "A")).isEqualTo(67);
        assertThat(total(Scope.ALL, "state", "D")).isEqualTo(13);
        assertThat(total(Scope.institution(2))).isEqualTo(40);
        assertThat(total(Scope.institution(3), "state", "A")).isEqualTo(18);
        assertThat(total(Scope.institution(4), "per_page", "3")).isEqualTo(10);
        assertThat(total(Scope.institution(5), "per_page", "3", "state", "D")).isEqualTo(2);
    }

    @Test
    void filtersAndSorts() {
        assertThat(list("identifier", "institution2.edu/maps_collection/data/maps/map_1860_old.tif"))
                .containsExactly(46L);
        assertThat(list("size__gt", "1000000000", "sort", "size__desc")).containsExactly(11L, 50L, 10L);
        assertThat(list("size__gteq", "1250000000", "sort", "size__asc")).containsExactly(10L, 50L, 11L);
        assertThat(list("size__lt", "1")).containsExactly(13L);
        assertThat(list("size__lteq", "0")).containsExactly(13L);
        assertThat(list("storage_option", "Wasabi-OR", "sort", "identifier")).hasSize(8);
        assertThat(list("storage_option__in", "Wasabi-OR", "storage_option__in", "Glacier-Deep-OR", "state", "A"))
                .hasSize(13);
        assertThat(list("storage_option__not_in", "Standard", "state", "A")).hasSize(13);
        assertThat(list("intellectual_object_id", "8", "state", "D")).containsExactly(46L);
        assertThat(list("intellectual_object_id__in", "13", "intellectual_object_id__in", "14", "state", "A"))
                .hasSize(6);
        assertThat(list("file_format", "video/mp4")).containsExactly(50L);
        List<Long> bigFirst = list("sort", "size__desc", "per_page", "3");
        assertThat(bigFirst).containsExactly(11L, 50L, 10L);
    }

    @Test
    void pagingReadsTheDigestsOfThePageRows() {
        Page<GenericFile> p = LIST.list(query(Lists.FILES, "identifier",
                "institution1.edu/photo_collection_2016/data/images/photo_001.jpg"));
        GenericFile f = p.results().get(0);
        assertThat(f.md5()).isEqualTo("4ccc36397b9a8e284c448ee5baee7ebc");
        assertThat(f.sha256()).isEqualTo("349489342ab9688ab6c818dd050195ff5317b2847fc916d6e871d42f8609aecb");
        Page<GenericFile> last = LIST.list(query(Lists.FILES, "per_page", "30", "page", "3"));
        assertThat(last.results()).hasSize(20);
        assertThat(last.total()).isEqualTo(80);
        assertThat(LIST.list(query(Lists.FILES, "per_page", "40", "page", "3")).results()).isEmpty();
    }

    @Test
    void anInstitutionNeverSeesAnothersFiles() {
        assertThat(list(Scope.institution(4), "per_page", "100")).hasSize(10);
        assertThat(list(Scope.institution(4), "intellectual_object_id", "1")).isEmpty();
        assertThat(list(Scope.institution(4), "institution_id__in", "2", "institution_id__in", "3")).isEmpty();
    }

    @Test
    void findsByIdIdentifierAndUuid() {
        GenericFile f = DAO.find(46).orElseThrow();
        assertThat(f.state()).isEqualTo("D");
        assertThat(DAO.findByIdentifier(f.identifier()).orElseThrow().id()).isEqualTo(46);
        assertThat(DAO.findByUuid(f.uuid()).orElseThrow().id()).isEqualTo(46);
        assertThat(DAO.findByIdentifier("institution2.edu/maps_collection/data/maps/nope.tif")).isEmpty();
    }

    @Test
    void detailHasChecksumsStorageRecordsAndEventsNewestFirst() {
        FileDetail d = DAO.detail(4).orElseThrow();
        assertThat(d.file().identifier()).isEqualTo("institution1.edu/photo_collection_2016/data/images/photo_001.jpg");
        assertThat(d.checksums()).extracting(Checksum::id).containsExactly(80, 79, 5, 4);
        assertThat(d.storageRecords()).extracting(StorageRecord::id).containsExactly(7L, 8L);
        assertThat(d.events()).extracting(PremisEvent::id).containsExactly(9, 8, 7, 4, 6, 5);
        assertThat(d.events().get(0).outcome()).isEqualTo("Failed");
        assertThat(DAO.detail(999)).isEmpty();
    }

    @Test
    void aPageOfFilesWithTheirRelationsInThreeQueries() {
        List<GenericFile> page = LIST.list(query(Lists.FILES, "intellectual_object_id", "1", "sort", "identifier"))
                .results();
        List<FileDetail> details = DAO.withRelations(page);
        assertThat(details).extracting(d -> d.file().id()).isEqualTo(page.stream().map(GenericFile::id).toList());
        FileDetail photo = details.stream().filter(d -> d.file().id() == 4).findFirst().orElseThrow();
        assertThat(photo).isEqualTo(DAO.detail(4).orElseThrow());
        assertThat(details).allSatisfy(d -> assertThat(d.storageRecords()).hasSize(2));
        assertThat(DAO.withRelations(List.of())).isEmpty();
    }

    @Test
    void pendingFileWork() {
        assertThat(DAO.hasPendingWorkItems(5)).isTrue();
        assertThat(DAO.hasPendingWorkItems(4)).isFalse();
    }
}
