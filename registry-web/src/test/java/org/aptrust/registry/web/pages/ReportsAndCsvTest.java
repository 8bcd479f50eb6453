package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The deposit and billing reports, and CSV downloads holding exactly the rows of their list. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReportsAndCsvTest {

    static final FixtureApp APP = new FixtureApp();

    /** The row of a table whose first two cells are institution and option. */
    static List<String> row(PageClient.Page p, String table, String institution, String option) {
        return p.rows(table).stream().filter(r -> r.get(0).equals(institution) && r.get(1).equals(option))
                .findFirst().orElseThrow(() -> new AssertionError(institution + "/" + option + " in " + p.rows(table)));
    }

    @Test
    void depositsByInstitutionForAnInstitutionalUserIncludeSubAccountsButNoCosts() {
        PageClient c = APP.as("admin@inst1.edu");
        PageClient.Page p = PagesByRoleTest.ok(c, "/reports/deposits");
        assertThat(p.text("h1")).isEqualTo("Deposits by institution");
        List<String> headers = p.doc().select("#deposits table thead th").eachText();
        assertThat(headers).doesNotContain("Monthly cost");
        assertThat(row(p, "#deposits table", "Institution One", "Total").subList(2, 4)).containsExactly("5", "32");
        assertThat(row(p, "#deposits table", "Institution One", "Standard").subList(2, 4)).containsExactly("4", "27");
        assertThat(row(p, "#deposits table", "Example College", "Total").subList(2, 4)).containsExactly("2", "7");
        assertThat(row(p, "#deposits table", "Institution One with sub-accounts", "Total").subList(2, 4))
                .containsExactly("7", "39");
        assertThat(p.doc().select("select[name=institution_id]")).isEmpty();
        // Another institution's figures are refused, as the original's authorization refused them (issue 19).
        PageClient.Page other = c.get("/reports/deposits?institution_id=3");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.text(".error-message")).contains("institution 3").doesNotContain("Institution Two");
    }

    @Test
    void adminsSeeAllInstitutionsAndCosts() {
        PageClient.Page p = PagesByRoleTest.ok(APP.as("system@aptrust.org"), "/reports/deposits");
        assertThat(p.doc().select("#deposits table thead th").eachText()).contains("Monthly cost");
        assertThat(row(p, "#deposits table", "All Institutions", "Total").subList(2, 4)).containsExactly("14", "67");
        PageClient.Page two = PagesByRoleTest.ok(APP.as("system@aptrust.org"),
                "/reports/deposits?institution_id=3&storage_option=Wasabi-OR");
        assertThat(two.rows("#deposits table")).hasSize(1);
        assertThat(row(two, "#deposits table", "Institution Two", "Wasabi-OR").subList(2, 4))
                .containsExactly("1", "4");
    }

    @Test
    void depositsOverTimeDrawALineChartWithItsNumbers() {
        PageClient.Page p = PagesByRoleTest.ok(APP.as("user@inst1.edu"),
                "/reports/deposits?report_type=over_time&start_date=2016-01-01&end_date=2016-12-31");
        assertThat(p.text("h1")).isEqualTo("Deposits over time");
        Element canvas = p.doc().selectFirst("#deposits-over-time canvas");
        assertThat(canvas).isNotNull();
        assertThat(canvas.attr("role")).isEqualTo("img");
        assertThat(canvas.attr("aria-label")).contains("line chart of 12 points");
        String json = p.doc().selectFirst("script#deposits-chart-data").data();
        assertThat(json).contains("\"type\":\"line\"").contains("2016-01-01").contains("2016-12-01");
        List<List<String>> rows = p.rows("#deposits-over-time table");
        assertThat(rows).hasSize(12);
        assertThat(rows.get(0).get(0)).isEqualTo("2016-01-01");
        assertThat(rows.get(0).get(2)).isEqualTo("0");
        assertThat(rows.get(3)).startsWith("2016-04-01", "1", "6");
        assertThat(p.doc().select("script[src]").eachAttr("src"))
                .containsExactly("/webjars/chart.js/dist/chart.umd.min.js", "/assets/charts.js");
    }

    @Test
    void badReportInputShowsTheFormWithTheMessage() {
        PageClient c = APP.as("user@inst2.edu");
        PageClient.Page date = c.get("/reports/deposits?report_type=over_time&start_date=last+year");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.text(".form-error")).contains("'last year' is not a date");
        assertThat(date.doc().select("form.filters input[name=start_date]")).hasSize(1);
        PageClient.Page cost = c.get("/reports/deposits?report_type=over_time&chart_metric=monthly_cost");
        assertThat(cost.status()).isEqualTo(400);
        assertThat(cost.text(".form-error")).contains("'monthly_cost' is not a chart you can draw");
        assertThat(c.get("/reports/deposits?storage_option=Floppy").status()).isEqualTo(400);
    }

    @Test
    void billingShowsMonthlyRowsAndOverageAboveTenTerabytes() throws Exception {
        try (Connection conn = APP.db().connect(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO historical_deposit_stats (institution_id, institution_name, storage_option,"
                    + " object_count, file_count, total_bytes, total_gb, total_tb, cost_gb_per_month, monthly_cost,"
                    + " end_date, member_institution_id, primary_sort, secondary_sort) VALUES (4, 'Test University',"
                    + " 'Glacier-OR', 1, 1, 13743895347200, 12800, 12.5, 0.004, 51.2, '2019-07-01', NULL,"
                    + " 'Test University', 'Glacier-OR')");
        }
        assertThat(APP.as("admin@test.edu").get("/reports/billing").status()).isEqualTo(403);
        PageClient admin = APP.as("system@aptrust.org");
        PageClient.Page everyone = PagesByRoleTest.ok(admin, "/reports/billing?start_date=2019-06-01&end_date=2019-07-31");
        assertThat(everyone.rows("#billing table")).as("every institution by default, with its name")
                .contains(List.of("June 2019", "Test University", "Glacier-OR", "12.5000", "2.5000", "$51.20"));
        PageClient.Page p = PagesByRoleTest.ok(admin,
                "/reports/billing?institution_id=4&start_date=2019-06-01&end_date=2019-07-31");
        List<String> r = p.rows("#billing table").get(0);
        assertThat(r).containsExactly("June 2019", "Glacier-OR", "12.5000", "2.5000", "$51.20");
        PageClient.Page all = PagesByRoleTest.ok(admin,
                "/reports/billing?institution_id=3&start_date=2018-01-01&end_date=2026-11-01");
        assertThat(all.rows("#billing table")).isNotEmpty()
                .allMatch(row -> row.get(3).equals("0.0000"));
    }

    @Test
    void dashboardShowsDepositStatsAndTheFormatChart() {
        PageClient.Page p = PagesByRoleTest.ok(APP.as("admin@inst1.edu"), "/dashboard");
        assertThat(row(p, "#deposits table", "Institution One", "Total").subList(2, 4)).containsExactly("5", "32");
        assertThat(p.rows("#deposits table")).allMatch(r -> r.get(0).equals("Institution One"));
        assertThat(p.doc().select("#formats canvas").attr("aria-label")).contains("Active files by format");
        assertThat(p.doc().select("#formats table tbody tr").eachText()).anyMatch(t -> t.startsWith("text/plain"));
        PageClient.Page admin = PagesByRoleTest.ok(APP.as("system@aptrust.org"), "/dashboard");
        assertThat(row(admin, "#deposits table", "All Institutions", "Total").subList(2, 4))
                .containsExactly("14", "67");
        assertThat(admin.doc().select("#formats table tbody tr").eachText())
                .anyMatch(t -> t.startsWith("text/plain 46 "));
    }

    static List<CSVRecord> csv(PageClient.Page p) throws Exception {
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.header("Content-Type")).startsWith("text/csv");
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(p.body()))) {
            return new ArrayList<>(parser.getRecords());
        }
    }

    @Test
    void csvHoldsExactlyTheRowsOfTheList() throws Exception {
        PageClient c = APP.as("admin@inst1.edu");
        PageClient.Page list = PagesByRoleTest.ok(c, "/objects?per_page=100&sort=identifier__asc");
        String csvHref = list.doc().selectFirst("a[download]").attr("href");
        assertThat(csvHref).isEqualTo("/objects?sort=identifier__asc&format=csv");
        assertThat(list.text("p.csv")).contains("up to 1,000 rows");
        PageClient.Page download = c.get(csvHref);
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"objects.csv\"");
        List<CSVRecord> records = csv(download);
        assertThat(records.stream().map(r -> r.get("Identifier")).toList())
                .isEqualTo(list.column("table.list", "Identifier"));
        assertThat(records.get(0).get("Size")).matches("\\d+");

        // Awkward identifiers (quotes, commas, percent signs, non-Latin script) survive the round trip.
        PageClient.Page files = PagesByRoleTest.ok(c, "/files?intellectual_object_id=5&per_page=100");
        List<CSVRecord> fileRows = csv(c.get("/files?intellectual_object_id=5&format=csv"));
        assertThat(fileRows.stream().map(r -> r.get("Identifier")).toList())
                .isEqualTo(files.column("table.list", "Identifier"))
                .contains("institution1.edu/international_docs/data/the \"final\" version.txt");

        assertThat(csv(APP.as("system@aptrust.org").get("/events?outcome=Failed&format=csv"))).hasSize(4);
        assertThat(csv(APP.as("user@inst2.edu").get("/objects?institution_id=2&format=csv"))).isEmpty();
        assertThat(c.get("/objects?size__gteq=big&format=csv").status()).isEqualTo(400);
        List<CSVRecord> alerts = csv(c.get("/alerts?format=csv"));
        assertThat(alerts).hasSize(6);
        assertThat(alerts.get(0).toMap()).doesNotContainKey("Select");
    }
}
