package org.aptrust.registry.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dropwizard.jackson.Jackson;
import org.aptrust.registry.db.dao.GenericFileWrites;
import org.junit.jupiter.api.Test;

/** The API's JSON conventions: snake_case, UTC timestamps with a Z, and lenient-where-needed request bodies. */
class ApiJsonTest {

    private static final ObjectMapper MAPPER = configured();
    private static final ObjectReader FILES = ApiJson.bodyReader(MAPPER, GenericFileWrites.FileValues.class);

    private static ObjectMapper configured() {
        ObjectMapper m = Jackson.newObjectMapper();
        ApiJson.configure(m);
        return m;
    }

    record Row(int institutionId, LocalDateTime createdAt, LocalDateTime readAt) {
    }

    private static GenericFileWrites.FileValues read(String json) {
        return ApiJson.read(FILES, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesSnakeCaseAndUtcTimestamps() throws Exception {
        String json = MAPPER.writeValueAsString(new Row(2, LocalDateTime.of(2016, 3, 15, 14, 22, 10), null));
        assertThat(json).isEqualTo("{\"institution_id\":2,\"created_at\":\"2016-03-15T14:22:10Z\",\"read_at\":null}");
        assertThat(MAPPER.writeValueAsString(Map.of("t", LocalDateTime.of(2026, 1, 2, 3, 4, 5, 120_000_000))))
                .isEqualTo("{\"t\":\"2026-01-02T03:04:05.12Z\"}");
    }

    /** The hand-written formatter agrees with the JDK's ISO formatter on every kind of value. */
    @Test
    void timestampsAreWrittenAsTheIsoFormatterWouldWriteThem() throws Exception {
        Random random = new Random(20261125);
        List<LocalDateTime> values = new ArrayList<>(List.of(
                LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(2026, 11, 22, 9, 21, 4, 462_252_000), LocalDateTime.of(2026, 11, 22, 9, 21),
                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 1), LocalDateTime.of(2026, 1, 2, 3, 4, 5, 100_000_000),
                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 10_000)));
        for (int i = 0; i < 20_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            values.add(LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nano));
        }
        for (LocalDateTime t : values) {
            String expected = "\"" + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t) + "Z\"";
            assertThat(MAPPER.writeValueAsString(t)).as("%s", t).isEqualTo(expected);
        }
        // Years the four-digit form cannot hold fall back to the JDK's formatter (a sign, more digits).
        assertThat(MAPPER.writeValueAsString(LocalDateTime.of(12026, 1, 1, 0, 0))).isEqualTo("\"+12026-01-01T00:00:00Z\"");
        assertThat(MAPPER.writeValueAsString(LocalDateTime.of(-1, 1, 1, 0, 0))).isEqualTo("\"-0001-01-01T00:00:00Z\"");
    }

    @Test
    void readsTimestampsAsGoClientsSendThem() {
        assertThat(read("{\"mod_time\": \"2024-01-31T12:00:00-05:00\"}").modTime())
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 17, 0));
        assertThat(read("{\"mod_time\": \"2024-01-31T12:00:00.123456789+0100\"}").modTime())
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 11, 0, 0, 123_456_789));
        assertThat(read("{\"mod_time\": \"2024-01-31 12:00:00\"}").modTime())
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 0));
        assertThat(read("{\"mod_time\": \"2024-01-31\"}").modTime()).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 0));
        assertThat(read("{\"mod_time\": \"0001-01-01T00:00:00Z\"}").modTime()).isNull();
        // mtime is the original's name (and its clients'); mod_time, the column's, is read as well
        assertThat(read("{\"mtime\": \"2024-01-31T12:00:00.5Z\"}").modTime())
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 0, 0, 500_000_000));
        assertThat(read("{\"unknown_field\": 1, \"id\": 0}").id()).isZero();
    }

    @Test
    void namesTheFieldThatCannotBeRead() {
        assertThatThrownBy(() -> read("{\"mtime\": \"soon\"}")).isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "mtime");
        assertThatThrownBy(() -> read("{\"checksums\": [{\"digest\": \"a\\u0000b\"}]}"))
                .isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "checksums[0].digest");
        assertThatThrownBy(() -> read("{\"size\": 1.5}")).isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "size");
        assertThatThrownBy(() -> read("{")).isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "body");
    }
}
