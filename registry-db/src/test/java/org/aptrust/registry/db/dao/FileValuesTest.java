package org.aptrust.registry.db.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A file body as it is written: what a missing value becomes, and which nested rows a batch saves. */
class FileValuesTest {

    private static final LocalDateTime AT = LocalDateTime.of(2026, 12, 3, 8, 0);

    private static ChecksumWrites.NewChecksum checksum(Long id) {
        return new ChecksumWrites.NewChecksum(id, "md5", AT, "0123456789abcdef0123456789abcdef", null);
    }

    private static StorageRecordWrites.NewStorageRecord copy(Long id, String url) {
        return new StorageRecordWrites.NewStorageRecord(id, null, url);
    }

    @Test
    void missingValuesAreWrittenAsTheOriginalWroteThem() {
        GenericFileWrites.FileValues body = new GenericFileWrites.FileValues(0L, "text/plain", null, "a.edu/bag/f",
                null, "A", null, null, "Standard", null, AT, null, null, null);
        GenericFileWrites.FileValues written = body.asWritten(3);
        assertThat(written.id()).isNull();
        assertThat(written.size()).isZero();
        assertThat(written.intellectualObjectId()).isZero();
        assertThat(written.institutionId()).isEqualTo(3);
        assertThat(written.modTime()).isEqualTo(AT);
        assertThat(written.checksums()).isEmpty();
        assertThat(written.storageRecords()).isEmpty();
        assertThat(written.premisEvents()).isEmpty();
        assertThat(new GenericFileWrites.FileValues(7L, null, 5L, null, 2, null, null, 3, null, null, null, null,
                null, null).asWritten(3)).extracting(GenericFileWrites.FileValues::id,
                GenericFileWrites.FileValues::size, GenericFileWrites.FileValues::intellectualObjectId)
                .containsExactly(7L, 5L, 2);
    }

    @Test
    void aBatchSavesOnlyTheNestedRowsWithoutAnId() {
        GenericFileWrites.FileValues body = new GenericFileWrites.FileValues(null, null, null, null, null, null, null,
                null, null, null, null, Arrays.asList(checksum(null), checksum(4L), null, checksum(0L)),
                List.of(copy(9L, "https://s3/x"), copy(null, " https://s3/y ")), List.of());
        GenericFileWrites.FileValues written = body.asWritten(2);
        assertThat(written.checksums()).containsExactly(checksum(null), checksum(0L));
        assertThat(written.storageRecords()).extracting(StorageRecordWrites.NewStorageRecord::storedUrl)
                .containsExactly("https://s3/y");
    }
}
