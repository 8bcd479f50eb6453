package org.aptrust.registry.web.pages;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dropwizard.auth.Auth;
import io.dropwizard.servlets.tasks.Task;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.aptrust.registry.db.dao.InternalMetadataDao;
import org.aptrust.registry.db.migrate.MigrationState;
import org.aptrust.registry.db.model.InternalMetadata;
import org.aptrust.registry.db.model.Role;
import org.aptrust.registry.web.auth.Viewer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /internal_metadata (admins): ar_internal_metadata, every migration's status as the runner reports it, the
 * scheduler's jobs with their last run and outcome, and a button per admin task. POST
 * /internal_metadata/tasks/:name runs that task (the same object the admin port runs) and shows its output.
 */
@Path("/internal_metadata")
@Produces(MediaType.TEXT_HTML)
public class InternalsPages {

    private static final Logger LOG = LoggerFactory.getLogger(InternalsPages.class);

    private final Pages pages;
    private final Jdbi jdbi;
    private final Internals internals;

    public InternalsPages(Pages pages, Jdbi jdbi, Internals internals) {
        this.pages = pages;
        this.jdbi = jdbi;
        this.internals = internals;
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v) {
        return page(request, v, null, null);
    }

    @POST
    @Path("tasks/{name}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_NAME)
    public DetailView run(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("name") String name,
                          MultivaluedMap<String, String> form) {
        // Parameters come from the button's definition only: the page runs exactly the listed actions.
        Internals.TaskButton button = internals.buttons().stream().filter(b -> b.key().equals(name)).findFirst()
                .orElseThrow(PageException::notFound);
        Task task = button.task();
        Map<String, List<String>> params = button.parameters();
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(out)) {
            LOG.info("admin {} runs task {} {} from the internals page", v.email(), task.getName(), params);
            task.execute(params, w);
        } catch (Exception e) {
            LOG.error("task {} failed", name, e);
            out.append("ERROR: ").append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return page(request, v, button.label(), out.toString());
    }

    private static String query(Map<String, List<String>> params) {
        return params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    private DetailView page(ContainerRequestContext request, Viewer v, String ranTask, String output) {
        List<DetailView.Fact> facts = new ArrayList<>();
        if (ranTask != null) {
            facts.add(DetailView.Fact.of("Ran", ranTask));
            facts.add(DetailView.Fact.of("Output", output.isBlank() ? "(no output)\n" : output + "\n"));
        }
        QueryString none = QueryString.empty();
        List<DetailView.Section> sections = new ArrayList<>();
        sections.add(DetailView.Section.table("Scheduler jobs", "jobs", TableModel.of("Scheduler jobs", List.of(
                        Column.of("Job", Internals.SchedulerJob::name),
                        Column.of("Schedule", Internals.SchedulerJob::schedule),
                        Column.of("Next run", Internals.SchedulerJob::nextRun),
                        Column.of("Last run (UTC)", Internals.SchedulerJob::lastStarted),
                        Column.of("Outcome", Internals.SchedulerJob::outcome)
                                .styled(j -> j.outcome().startsWith("failed") ? "status-Failed" : ""),
                        Column.of("Detail", Internals.SchedulerJob::detail),
                        Column.of("Last success (UTC)", Internals.SchedulerJob::lastSuccess)),
                internals.schedulerJobs().get(), null, none, "", "sort", "page", "No job has run yet.")));
        sections.add(DetailView.Section.table("Migrations", "migrations", TableModel.of("Migrations", List.of(
                        Column.of("Version", MigrationState::version),
                        Column.of("Status", (MigrationState m) -> m.status().label())
                                .styled(m -> m.status() == MigrationState.Status.FAILED
                                        || m.status() == MigrationState.Status.CHANGED ? "status-Failed" : ""),
                        Column.time("Started (UTC)", MigrationState::startedAt),
                        Column.time("Finished (UTC)", MigrationState::finishedAt),
                        Column.of("Took (ms)", MigrationState::executionMs),
                        Column.of("Applied by", MigrationState::appliedBy),
                        Column.of("Error", MigrationState::error)),
                internals.migrations().status(), null, none, "", "sort", "page", "No migrations.")));
        sections.add(DetailView.Section.table("ar_internal_metadata", "metadata", TableModel.of(
                "ar_internal_metadata", List.of(
                        Column.of("Key", InternalMetadata::key),
                        Column.of("Value", InternalMetadata::value),
                        Column.time("Updated (UTC)", InternalMetadata::updatedAt)),
                jdbi.withExtension(InternalMetadataDao.class, InternalMetadataDao::all), null, none, "", "sort",
                "page", "No rows.")));
        List<DetailView.Action> actions = new ArrayList<>();
        for (Internals.TaskButton b : internals.buttons()) {
            actions.add(new DetailView.Action(b.label(), "/internal_metadata/tasks/" + b.key(),
                    "POST /tasks/" + b.task().getName() + query(b.parameters())));
        }
        return new DetailView(pages.context(request, "Internals", v), facts, List.of(), actions, sections);
    }
}
