package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.DepositReportDao;
import org.aptrust.registry.db.list.Filter;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Op;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.list.Sort;
import org.aptrust.registry.db.model.Alert;
import org.aptrust.registry.db.model.DepositStats;
import org.aptrust.registry.db.model.FileFormatTotal;
import org.aptrust.registry.db.model.WorkItem;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;

/**
 * GET /dashboard: the last 10 work items (by date processed), the user's last 10 alerts, totals of events, active
 * objects and active files (from the count views), the current deposit statistics and a format breakdown.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    /** How long a format breakdown is reused: it sums every active file, too much to do on every page view. */
    static final java.time.Duration FORMATS_TTL = java.time.Duration.ofMinutes(5);

    private final Pages pages;
    private final Jdbi jdbi;
    /** Format breakdowns by institution (0: all), each kept {@link #FORMATS_TTL}; one per institution at most. */
    private final Cache<Integer, List<FileFormatTotal>> formats = Caffeine.newBuilder()
            .expireAfterWrite(FORMATS_TTL).maximumSize(10_000).build();

    public DashboardPages(Pages pages, Jdbi jdbi) {
        this.pages = pages;
        this.jdbi = jdbi;
    }

    /** The root sends people where they belong. */
    @GET
    public Response root(@Context ContainerRequestContext request, @Auth Optional<Viewer> viewer) {
        return Response.seeOther(java.net.URI.create(viewer.isPresent()
                ? "/dashboard" : "/users/sign_in")).build();
    }

    @GET
    @Path("dashboard")
    public DashboardView dashboard(@Context ContainerRequestContext request, @Auth Viewer v) {
        Scope scope = v.scope();
        QueryString none = QueryString.empty();

        List<DashboardView.Card> cards = List.of(
                new DashboardView.Card("events", Formats.number(total(pages.lists().events()::list, scope)),
                        "/events"),
                new DashboardView.Card("active objects", Formats.number(total(pages.lists().objects()::list, scope,
                        new Filter("state", Op.EQ, List.of("A")))), "/objects?state=A"),
                new DashboardView.Card("active files", Formats.number(total(pages.lists().files()::list, scope,
                        new Filter("state", Op.EQ, List.of("A")))), "/files?state=A"));

        List<DetailView.Section> sections = new ArrayList<>();
        List<WorkItem> items = pages.lists().workItems().list(new ListQuery(List.of(),
                List.of(Sort.desc("date_processed")), 1, 10, scope)).results();
        sections.add(DetailView.Section.table("Recent work items", "recent-work-items", TableModel.of(
                "Recent work items", WorkItemPages.shortColumns(v.isAdmin()), items, null, none, "", "sort", "page",
                "No work items.")).withNote("The last 10, by date processed. All of them: Work Items."));

        Scope mine = new Scope(scope.institutionId(), v.id());
        List<Alert> alerts = pages.lists().alerts().list(new ListQuery(List.of(), List.of(Sort.desc("created_at")),
                1, 10, mine)).results();
        sections.add(DetailView.Section.table("Your recent alerts", "recent-alerts", TableModel.of(
                "Your recent alerts", List.of(
                        Column.of("Type", Alert::type).link(AlertPages::showPath)
                                .styled(a -> a.readAt() == null ? "unread" : ""),
                        Column.of("Subject", Alert::subject),
                        Column.time("Created (UTC)", Alert::createdAt),
                        Column.of("Read", (Alert a) -> a.readAt() == null ? "unread" : "read")),
                alerts, null, none, "", "sort", "page", "No alerts.")));

        DepositReportDao deposits = jdbi.onDemand(DepositReportDao.class);
        Integer own = v.isAdmin() ? null : v.institutionId();
        List<DepositStats> stats = deposits.current(own, null).stream()
                .filter(d -> v.isAdmin() ? d.isAllInstitutions() : own != null && own.equals(d.institutionId()))
                .toList();
        sections.add(DetailView.Section.table("Deposits", "deposits", TableModel.of("Deposits",
                ReportPages.depositColumns(v.isAdmin()), stats, null, none, "", "sort", "page", "No deposits yet."))
                .withNote((v.isAdmin() ? "All institutions" : "Your institution") + ", now. More: Deposits report."));

        List<FileFormatTotal> byFormat = formatsOf(own == null ? -1 : own, own);
        List<Column<FileFormatTotal>> formatColumns = List.of(
                Column.of("Format", (FileFormatTotal f) -> f.fileFormat() == null ? "(none)" : f.fileFormat()),
                Column.number("Files", FileFormatTotal::fileCount),
                Column.bytes("Size", FileFormatTotal::totalBytes));
        ChartModel chart = new ChartModel("formats-chart", "doughnut", "Active files by format", null,
                byFormat.stream().map(f -> f.fileFormat() == null ? "(none)" : f.fileFormat()).toList(),
                List.of(new ChartModel.Series("Files", byFormat.stream().map(f -> (Number) f.fileCount()).toList())));
        sections.add(DetailView.Section.chart("Formats", "formats", chart, TableModel.of("Active files by format",
                formatColumns, byFormat, null, none, "", "sort", "page", "No active files."), false));
        return new DashboardView(pages.context(request, "Dashboard", v), cards, sections);
    }

    private List<FileFormatTotal> formatsOf(int key, Integer institutionId) {
        // Computed once per key however many ask at the same time; a failed read is not kept.
        return formats.get(key, k -> jdbi.onDemand(DepositReportDao.class).formats(institutionId));
    }

    private static long total(java.util.function.Function<ListQuery, org.aptrust.registry.db.list.Page<?>> list,
                              Scope scope, Filter... filters) {
        return list.apply(ListQuery.of(scope, filters).withPage(1, 1)).total();
    }
}
