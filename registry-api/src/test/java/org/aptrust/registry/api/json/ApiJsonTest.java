package org.aptrust.registry.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

/** The API's JSON conventions: snake_case, UTC timestamps with a Z, and lenient-where-needed request bodies. */
class ApiJsonTest {

    private static final ObjectMapper MAPPER = configured();
    private static final ObjectReader FILES = ApiJson.bodyReader(MAPPER, GenericFileInput.class);

    private static ObjectMapper configured() {
        ObjectMapper m = Jackson.newObjectMapper();
        ApiJson.configure(m);
        return m;
    }

    record Row(int institutionId, LocalDateTime createdAt, LocalDateTime readAt) {
    }

    private static GenericFileInput read(String json) {
        return ApiJson.read(FILES, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesSnakeCaseAndUtcTimestamps() throws Exception {
        String json = MAPPER.writeValueAsString(new Row(2, LocalDateTime.of(2016, 3, 15, 14, 22, 10), null));
        assertThat(json).isEqualTo("{\"institution_id\":2,\"created_at\":\"2016-03-15T14:22:10Z\",\"read_at\":null}");
        assertThat(MAPPER.writeValueAsString(Map.of("t", LocalDateTime.of(2026, 1, 2, 3, 4, 5, 120_000_000))))
                .isEqualTo("{\"t\":\"2026-01-02T03:04:05.12Z\"}");
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
        assertThat(read("{\"unknown_field\": 1, \"id\": 0}").id()).isZero();
    }

    @Test
    void namesTheFieldThatCannotBeRead() {
        assertThatThrownBy(() -> read("{\"mod_time\": \"soon\"}")).isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "mod_time");
        assertThatThrownBy(() -> read("{\"checksums\": [{\"digest\": \"a\\u0000b\"}]}"))
                .isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "checksums[0].digest");
        assertThatThrownBy(() -> read("{\"size\": 1.5}")).isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "size");
        assertThatThrownBy(() -> read("{")).isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("field", "body");
    }
}
