package org.aptrust.registry.db.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ListQueryParseTest {

    static final ListSpec SPEC = ListSpec.builder("things", "things_view")
            .filter("id", ValueType.INTEGER, Op.EQ, Op.IN, Op.NOT_IN)
            .filter("size", ValueType.BIGINT, Op.GTEQ, Op.LTEQ, Op.GT, Op.LT, Op.NE)
            .filter("identifier", ValueType.TEXT, Op.EQ, Op.STARTS_WITH, Op.CONTAINS)
            .filter("updated_at", ValueType.TIMESTAMP, Op.GTEQ, Op.LTEQ)
            .filter("retry", ValueType.BOOLEAN, Op.EQ)
            .filter("node", ValueType.TEXT, Op.IS_NULL, Op.NOT_NULL)
            .oneOf("state", List.of("A", "D"), Op.EQ, Op.IN)
            .sortable("identifier", "size", "updated_at")
            .defaultSort(Sort.desc("updated_at"))
            .build();

    private static ListQuery parse(Map<String, List<String>> params) {
        return ListQuery.parse(SPEC, params, Scope.ALL, Set.of("format"));
    }

    private static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    @Test
    void parsesEveryOpIntoTypedValues() {
        ListQuery q = parse(params("size__gteq", "10", "identifier__starts_with", "inst.edu/",
                "updated_at__lteq", "2024-01-31", "retry", "true", "state__in", "A", "state__in", "D",
                "node__is_null", "true", "id__not_in", "3", "format", "csv"));
        assertThat(q.filters()).containsExactly(
                new Filter("size", Op.GTEQ, List.of(10L)),
                new Filter("identifier", Op.STARTS_WITH, List.of("inst.edu/")),
                new Filter("updated_at", Op.LTEQ, List.of(LocalDateTime.of(2024, 1, 31, 0, 0))),
                new Filter("retry", Op.EQ, List.of(true)),
                new Filter("state", Op.IN, List.of("A", "D")),
                new Filter("node", Op.IS_NULL, List.of()),
                new Filter("id", Op.NOT_IN, List.of(3)));
        assertThat(q.page()).isEqualTo(1);
        assertThat(q.perPage()).isEqualTo(20);
    }

    @Test
    void isNullFalseMeansNotNullAndTimestampsWithOffsetsBecomeUtc() {
        ListQuery q = parse(params("node__is_null", "false", "updated_at__gteq", "2024-01-31T12:00:00+02:00"));
        assertThat(q.filters()).containsExactly(new Filter("node", Op.NOT_NULL, List.of()),
                new Filter("updated_at", Op.GTEQ, List.of(LocalDateTime.of(2024, 1, 31, 10, 0))));
    }

    @Test
    void blankValuesAreNoFilter() {
        assertThat(parse(params("identifier", "", "size__gteq", " ")).filters()).isEmpty();
    }

    @Test
    void sortsNameColumnsAndADirection() {
        ListQuery q = parse(params("sort", "size__desc", "sort", "identifier", "sort", "updated_at__up"));
        assertThat(q.sorts()).containsExactly(Sort.desc("size"), Sort.asc("identifier"), Sort.asc("updated_at"));
        assertThatThrownBy(() -> parse(params("sort", "password__asc")))
                .isInstanceOf(ListQueryException.class)
                .hasMessageContaining("password__asc")
                .hasMessageContaining("size, updated_at")
                .extracting(e -> ((ListQueryException) e).parameter()).isEqualTo("sort");
    }

    @Test
    void unknownParametersAreRefusedWithTheWhitelist() {
        assertThatThrownBy(() -> parse(params("colour", "blue")))
                .isInstanceOf(ListQueryException.class)
                .hasMessageContaining("unknown parameter 'colour'")
                .hasMessageContaining("identifier__starts_with")
                .hasMessageContaining("per_page");
    }

    @Test
    void anOpTheColumnDoesNotAllowIsRefused() {
        assertThatThrownBy(() -> parse(params("size__contains", "1")))
                .hasMessageContaining("'size' cannot be filtered with 'contains'")
                .hasMessageContaining("size__gteq");
        assertThatThrownBy(() -> parse(params("identifier__banana", "x")))
                .hasMessageContaining("unknown parameter 'identifier__banana'");
    }

    @Test
    void valuesThatDoNotParseAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> parse(params("size__gteq", "big"))).hasMessageContaining("'big' is not an integer")
                .hasMessageContaining("size__gteq");
        assertThatThrownBy(() -> parse(params("updated_at__gteq", "yesterday"))).hasMessageContaining("not a date");
        assertThatThrownBy(() -> parse(params("retry", "maybe"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> parse(params("state", "X"))).hasMessageContaining("Allowed: A, D");
        assertThatThrownBy(() -> parse(params("id", "99999999999"))).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> parse(params("identifier", "a", "identifier", "b")))
                .hasMessageContaining("identifier__in");
    }

    @Test
    void pagingIsValidated() {
        assertThat(parse(params("page", "3", "per_page", "1000")).offset()).isEqualTo(2000);
        assertThatThrownBy(() -> parse(params("page", "0"))).hasMessageContaining("'page' is out of range");
        assertThatThrownBy(() -> parse(params("page", "-1"))).hasMessageContaining("page");
        assertThat(parse(params("per_page", "1001")).perPage()).isEqualTo(1000);
        assertThatThrownBy(() -> parse(params("per_page", "0"))).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> parse(params("per_page", "ten"))).hasMessageContaining("not a number");
    }

    @Test
    void aHugePageDoesNotOverflowTheOffset() {
        ListQuery q = parse(params("page", String.valueOf(Integer.MAX_VALUE), "per_page", "1000"));
        assertThat(q.offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 1000);
    }

    @Test
    void theWhereClauseBindsEveryValueAndAddsTheScope() {
        ListQuery q = ListQuery.parse(SPEC, params("identifier__contains", "50%_off!", "state__in", "A",
                "state__in", "D"), new Scope(7, null), Set.of());
        SqlWhere w = ListEngine.where(SPEC, q);
        assertThat(w.sql()).isEqualTo("\"institution_id\" = :_scope_inst AND \"identifier\" ILIKE :p0 ESCAPE '!'"
                + " AND \"state\" IN (:p1_0, :p1_1)");
        assertThat(w.params()).containsEntry("_scope_inst", 7).containsEntry("p0", "%50!%!_off!!%")
                .containsEntry("p1_0", "A").containsEntry("p1_1", "D");
        assertThat(ListEngine.orderBy(SPEC, q, "")).isEqualTo(" ORDER BY \"updated_at\" DESC, \"id\" DESC");
    }
}
