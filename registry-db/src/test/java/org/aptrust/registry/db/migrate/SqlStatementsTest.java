package org.aptrust.registry.db.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    private static List<String> sql(String script) {
        return SqlStatements.split(script).stream().map(SqlStatements.Statement::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolons() {
        assertThat(sql("select 1; select 2;\nselect 3")).containsExactly("select 1", "select 2", "select 3");
    }

    @Test
    void keepsSemicolonsInsideStringsIdentifiersAndComments() {
        String script = "insert into t values ('a;b', 'it''s;');\n"
                + "select \"odd;name\" from t; -- a comment; with semicolons\n"
                + "/* block; /* nested; */ still comment; */ select E'back\\';slash';";
        assertThat(sql(script)).containsExactly(
                "insert into t values ('a;b', 'it''s;')",
                "select \"odd;name\" from t",
                "-- a comment; with semicolons\n/* block; /* nested; */ still comment; */ select E'back\\';slash'");
    }

    @Test
    void keepsDollarQuotedBodiesWhole() {
        String script = "create function f() returns int language plpgsql as $$ begin perform 1; return 2; end $$;\n"
                + "do $body$ begin raise notice 'x;'; end $body$;\nselect $1::int";
        List<String> out = sql(script);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).endsWith("end $$");
        assertThat(out.get(1)).startsWith("do $body$").endsWith("end $body$");
        assertThat(out.get(2)).isEqualTo("select $1::int");
    }

    @Test
    void dropsEmptyStatementsAndReportsStartLines() {
        List<SqlStatements.Statement> out = SqlStatements.split("-- header only\n;\n\nselect 1;\n\n  select\n2;");
        assertThat(out).extracting(SqlStatements.Statement::line).containsExactly(4, 6);
    }
}
