package org.aptrust.registry.web.pages;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.DepositReportDao;
import org.aptrust.registry.db.model.BillingMonth;
import org.aptrust.registry.db.model.DepositStats;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * GET /reports/deposits: deposits by institution and storage option (now, or as of a monthly snapshot), or one
 * institution's deposits over time as a line chart; non-admins always see their own institution (with its
 * sub-accounts, as the original's reports did). GET /reports/billing (admins): monthly rows with the overage above
 * the 10 TB allowance. Costs are shown to admins only.
 */
@Path("/reports")
@Produces(MediaType.TEXT_HTML)
public class ReportPages {

    static final LocalDate FIRST_SNAPSHOT = LocalDate.of(2014, 1, 1);
    private static final String BY_INST = "by_inst";
    private static final String OVER_TIME = "over_time";

    /** What the over-time chart can draw. */
    enum Metric {
        TOTAL_GB("total_gb", "Size (GB)", DepositStats::totalGb, false),
        FILE_COUNT("file_count", "Files", DepositStats::fileCount, false),
        OBJECT_COUNT("object_count", "Objects", DepositStats::objectCount, false),
        MONTHLY_COST("monthly_cost", "Monthly cost (USD)", DepositStats::monthlyCost, true);

        final String param;
        final String label;
        final ToDoubleFunction<DepositStats> value;
        final boolean adminOnly;

        Metric(String param, String label, ToDoubleFunction<DepositStats> value, boolean adminOnly) {
            this.param = param;
            this.label = label;
            this.value = value;
            this.adminOnly = adminOnly;
        }
    }

    private final Pages pages;
    private final Jdbi jdbi;

    public ReportPages(Pages pages, Jdbi jdbi) {
        this.pages = pages;
        this.jdbi = jdbi;
    }

    private DepositReportDao dao() {
        return jdbi.onDemand(DepositReportDao.class);
    }

    /** The columns of a deposit table; the cost column for admins only. */
    static List<Column<DepositStats>> depositColumns(boolean admin) {
        List<Column<DepositStats>> c = new ArrayList<>(List.of(
                Column.of("Institution", DepositStats::institutionName),
                Column.of("Storage option", DepositStats::storageOption),
                Column.number("Objects", DepositStats::objectCount),
                Column.number("Files", DepositStats::fileCount),
                Column.bytes("Size", DepositStats::totalBytes),
                new Column<>("Size (TB)", null, (DepositStats d) -> String.format(java.util.Locale.US, "%.4f",
                        d.totalTb()), d -> String.valueOf(d.totalTb()), null, true, null, null)));
        if (admin) {
            c.add(new Column<>("Monthly cost", null, (DepositStats d) -> Formats.money(d.monthlyCost()),
                    d -> String.valueOf(d.monthlyCost()), null, true, null, null));
        }
        return c;
    }

    @GET
    @Path("deposits")
    public Response deposits(@Context ContainerRequestContext request, @Auth Viewer v) {
        QueryString q = QueryString.of(request.getUriInfo().getQueryParameters());
        String type = OVER_TIME.equals(q.first("report_type")) ? OVER_TIME : BY_INST;
        List<ReportView.Tab> tabs = List.of(
                new ReportView.Tab("By institution", "/reports/deposits?report_type=" + BY_INST, type.equals(BY_INST)),
                new ReportView.Tab("Over time", "/reports/deposits?report_type=" + OVER_TIME, type.equals(OVER_TIME)));
        List<FilterField> fields = new ArrayList<>();
        if (v.isAdmin()) {
            fields.add(FilterField.select("Institution", "institution_id", pages.institutionOptions()));
        }
        List<String> options = new ArrayList<>(List.of("Total"));
        options.addAll(Vocabulary.STORAGE_OPTIONS);
        fields.add(FilterField.select("Storage option", "storage_option", Labels.same(options)));
        if (type.equals(OVER_TIME)) {
            fields.add(FilterField.date("From", "start_date"));
            fields.add(FilterField.date("Until", "end_date"));
            fields.add(FilterField.select("Chart", "chart_metric", java.util.Arrays.stream(Metric.values())
                    .filter(m -> v.isAdmin() || !m.adminOnly)
                    .map(m -> new FilterField.Option(m.param, m.label)).toList()));
        } else {
            fields.add(FilterField.date("As of", "end_date"));
        }
        FilterFormModel form = FilterFormModel.of("/reports/deposits", fields, q).withHidden("report_type", type)
                .withReset("/reports/deposits?report_type=" + type);
        String title = type.equals(OVER_TIME) ? "Deposits over time" : "Deposits by institution";
        try {
            Integer inst = v.isAdmin() ? intOrNull(q, "institution_id") : ownInstitution(v, q);
            String option = option(q.first("storage_option"), options);
            List<DetailView.Section> sections = type.equals(OVER_TIME)
                    ? overTime(v, inst, option == null ? "Total" : option, q)
                    : byInstitution(v, inst, option, q);
            return Response.ok(new ReportView(pages.context(request, title, v), tabs, intro(v, type), null, form,
                    sections)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(new ReportView(pages.context(request, title, v), tabs, intro(v, type),
                    e.getMessage(), form, List.of())).build();
        }
    }

    private static String intro(Viewer v, String type) {
        String whose = v.isAdmin() ? "" : " Your institution's figures include its sub-accounts.";
        return type.equals(OVER_TIME)
                ? "Month by month, from the snapshot taken on the first of each month." + whose
                : "Active files by storage option, now or as of a monthly snapshot." + whose;
    }

    private List<DetailView.Section> byInstitution(Viewer v, Integer inst, String option, QueryString q) {
        LocalDate asOf = date(q, "end_date", null);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DepositStats> rows;
        String when;
        if (asOf == null || !asOf.isBefore(today)) {
            rows = dao().current(inst, option);
            when = "Now (refreshed hourly).";
        } else {
            LocalDate snapshot = dao().snapshotDates().stream().filter(d -> !d.isAfter(asOf)).findFirst().orElse(null);
            rows = snapshot == null ? List.of() : dao().asOf(snapshot, inst, option);
            when = snapshot == null ? "No snapshot on or before " + asOf + "."
                    : "As of the snapshot of " + snapshot + " (snapshots are taken on the first of each month).";
        }
        List<DepositStats> shown = new ArrayList<>(rows);
        if (inst != null) {
            shown.addAll(withSubAccounts(rows, inst));
        }
        TableModel table = TableModel.of("Deposits by institution", depositColumns(v.isAdmin()), shown, null,
                QueryString.empty(), "", "sort", "page", "No deposits.");
        return List.of(DetailView.Section.table("Deposits", "deposits", table).withNote(when));
    }

    /** When an institution's rows include sub-accounts, one more row per storage option sums them all. */
    private static List<DepositStats> withSubAccounts(List<DepositStats> rows, int inst) {
        if (rows.stream().map(DepositStats::institutionId).distinct().count() < 2) {
            return List.of();
        }
        String name = rows.stream().filter(r -> Integer.valueOf(inst).equals(r.institutionId()))
                .map(DepositStats::institutionName).findFirst().orElse("Institution " + inst);
        Map<String, DepositStats> sums = new LinkedHashMap<>();
        for (DepositStats r : rows) {
            sums.merge(r.storageOption(), new DepositStats(inst, null, name + " with sub-accounts", r.storageOption(),
                    r.objectCount(), r.fileCount(), r.totalBytes(), r.totalGb(), r.totalTb(), r.costGbPerMonth(),
                    r.monthlyCost(), r.endDate()), (a, b) -> new DepositStats(inst, null, a.institutionName(),
                    a.storageOption(), a.objectCount() + b.objectCount(), a.fileCount() + b.fileCount(),
                    a.totalBytes() + b.totalBytes(), a.totalGb() + b.totalGb(), a.totalTb() + b.totalTb(),
                    a.costGbPerMonth(), a.monthlyCost() + b.monthlyCost(), a.endDate()));
        }
        return new ArrayList<>(sums.values());
    }

    private List<DetailView.Section> overTime(Viewer v, Integer inst, String option, QueryString q) {
        LocalDate start = date(q, "start_date", FIRST_SNAPSHOT);
        LocalDate end = date(q, "end_date", LocalDate.now(ZoneOffset.UTC));
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("'Until' (" + end + ") is before 'From' (" + start + ").");
        }
        String metricParam = q.first("chart_metric");
        Metric metric = java.util.Arrays.stream(Metric.values())
                .filter(m -> m.param.equals(metricParam) && (v.isAdmin() || !m.adminOnly)).findFirst()
                .orElse(Metric.TOTAL_GB);
        if (metricParam != null && !metricParam.isBlank() && !metric.param.equals(metricParam)) {
            throw new IllegalArgumentException("'" + metricParam + "' is not a chart you can draw. Allowed: "
                    + String.join(", ", java.util.Arrays.stream(Metric.values())
                    .filter(m -> v.isAdmin() || !m.adminOnly).map(m -> m.param).toList()));
        }
        List<DepositStats> rows = dao().overTime(inst, option, start, end);
        String who = inst == null ? "All institutions"
                : pages.institution(inst).map(i -> i.name()).orElse("Institution " + inst);
        ChartModel chart = new ChartModel("deposits-chart", "line", who + ", " + option + ": " + metric.label,
                metric.label, rows.stream().map(r -> r.endDate().toString()).toList(),
                List.of(new ChartModel.Series(metric.label,
                        rows.stream().map(r -> (Number) metric.value.applyAsDouble(r)).toList())));
        List<Column<DepositStats>> columns = new ArrayList<>();
        columns.add(Column.of("Snapshot date", (DepositStats d) -> Formats.date(d.endDate())));
        columns.addAll(depositColumns(v.isAdmin()).subList(2, depositColumns(v.isAdmin()).size()));
        TableModel numbers = TableModel.of("Deposits over time", columns, rows, null, QueryString.empty(), "",
                "sort", "page", "No snapshots in this range.");
        return List.of(DetailView.Section.chart(who + ", " + option, "deposits-over-time", chart, numbers, true)
                .withNote(rows.isEmpty() ? "No snapshots in this range." : start + " to " + end + ", "
                        + rows.size() + " monthly snapshots."));
    }

    @GET
    @Path("billing")
    @RolesAllowed(Role.ADMIN_NAME)
    public Response billing(@Context ContainerRequestContext request, @Auth Viewer v) {
        QueryString q = QueryString.of(request.getUriInfo().getQueryParameters());
        List<FilterField> fields = List.of(
                FilterField.select("Institution", "institution_id", pages.institutionOptions()),
                FilterField.select("Storage option", "storage_option", Labels.same(Vocabulary.STORAGE_OPTIONS)),
                FilterField.date("From", "start_date"),
                FilterField.date("Until", "end_date"));
        FilterFormModel form = FilterFormModel.of("/reports/billing", fields, q);
        String intro = "Monthly storage per option, and the terabytes above the " + (int) DepositReportDao.FREE_TB
                + " TB allowance. Each month is the snapshot taken on the first of the next month.";
        try {
            Integer inst = intOrNull(q, "institution_id");
            String option = option(q.first("storage_option"), Vocabulary.STORAGE_OPTIONS);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate start = date(q, "start_date", today.minusYears(1).withDayOfMonth(1));
            LocalDate end = date(q, "end_date", today);
            List<DetailView.Section> sections = new ArrayList<>();
            // Every institution unless one is picked: one row per institution, month and storage option.
            List<BillingMonth> rows = jdbi.onDemand(DepositReportDao.class).billing(inst, start, end, option);
            List<Column<BillingMonth>> columns = new ArrayList<>();
            columns.add(Column.of("Month", BillingMonth::monthAndYear));
            if (inst == null) {
                columns.add(Column.of("Institution", BillingMonth::institutionName));
            }
            columns.add(Column.of("Storage option", BillingMonth::storageOption));
            columns.add(new Column<>("Stored (TB)", null, (BillingMonth b) -> String.format(java.util.Locale.US,
                    "%.4f", b.totalTb()), b -> String.valueOf(b.totalTb()), null, true, null, null));
            columns.add(new Column<>("Overage (TB)", null, (BillingMonth b) -> String.format(java.util.Locale.US,
                    "%.4f", b.overageTb()), b -> String.valueOf(b.overageTb()), null, true, null, null));
            columns.add(new Column<>("Monthly cost", null, (BillingMonth b) -> Formats.money(b.monthlyCost()),
                    b -> String.valueOf(b.monthlyCost()), null, true, null, null));
            TableModel table = TableModel.of("Billing", columns,
                    rows, null, QueryString.empty(), "", "sort", "page", "Nothing stored in this range.");
            sections.add(DetailView.Section.table("Billing", "billing", table)
                    .withNote("Snapshots after " + start + " up to " + end + "."));
            return Response.ok(new ReportView(pages.context(request, "Billing", v), List.of(), intro, null, form,
                    sections)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(new ReportView(pages.context(request, "Billing", v), List.of(), intro,
                    e.getMessage(), form, List.of())).build();
        }
    }

    /**
     * A non-admin's institution. Naming another institution is refused with a 403, as the original's authorization
     * refused it; naming none, 0 or one's own shows one's own.
     */
    private static Integer ownInstitution(Viewer v, QueryString q) {
        Integer own = v.institutionId() == null ? -1 : v.institutionId();
        Integer asked = intOrNull(q, "institution_id");
        if (asked != null && !asked.equals(own)) {
            throw new PageException(403, "The deposit report of institution " + asked + " is not yours to see: you"
                    + " may see your own institution's (with its sub-accounts). Leave the institution out, or ask an"
                    + " APTrust admin.");
        }
        return own;
    }

    /** An institution id, or null for none; 0 means every institution, as in the original. */
    private static Integer intOrNull(QueryString q, String key) {
        String raw = q.first(key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!raw.strip().matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + raw + "' is not an institution id (" + key + ").");
        }
        int id = Integer.parseInt(raw.strip());
        return id == 0 ? null : id;
    }

    private static String option(String raw, List<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!allowed.contains(raw)) {
            throw new IllegalArgumentException("'" + raw + "' is not a storage option. Allowed: "
                    + String.join(", ", allowed));
        }
        return raw;
    }

    private static LocalDate date(QueryString q, String key, LocalDate dflt) {
        String raw = q.first(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(raw.strip().length() > 10 ? raw.strip().substring(0, 10) : raw.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a date (" + key + "): use 2024-01-31.");
        }
    }
}
