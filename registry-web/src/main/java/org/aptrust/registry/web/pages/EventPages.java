package org.aptrust.registry.web.pages;

import java.util.List;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.list.Lists;
import org.aptrust.registry.db.model.PremisEvent;
import org.aptrust.registry.db.model.Vocabulary;
import org.aptrust.registry.web.auth.Viewer;

/**
 * GET /events (premis_events_view), GET /events/show/:id (id or event UUID) and its fragment GET
 * /events/show_xhr/:id.
 */
@Path("/events")
@Produces(MediaType.TEXT_HTML)
public class EventPages {

    private final Pages pages;
    private final ListPages lists;

    public EventPages(Pages pages, ListPages lists) {
        this.pages = pages;
        this.lists = lists;
    }

    /** The columns of an event table inside another page (an object's or a file's events). */
    static List<Column<PremisEvent>> shortColumns() {
        return List.of(
                Column.of("Type", PremisEvent::eventType).link(e -> "/events/show/" + e.id()),
                Column.time("Date (UTC)", PremisEvent::dateTime),
                Column.of("Outcome", PremisEvent::outcome).styled(e -> "outcome-" + e.outcome()),
                Column.of("Detail", PremisEvent::detail));
    }

    @GET
    public Response list(@Context ContainerRequestContext request, @Auth Viewer v) {
        return lists.respond(request, v, EventPages::list, pages.lists().events());
    }

    static ListPage<PremisEvent> list(Viewer v, List<FilterField.Option> institutions) {
        return ListPage.<PremisEvent>builder("Events", "/events", Lists.EVENTS)
                .column(Column.of("Type", PremisEvent::eventType).sortable("event_type")
                        .link(e -> "/events/show/" + e.id()))
                .column(Column.time("Date (UTC)", PremisEvent::dateTime).sortable("date_time"))
                .column(Column.of("Outcome", PremisEvent::outcome).sortable("outcome")
                        .styled(e -> "outcome-" + e.outcome()))
                .column(Column.of("Object", PremisEvent::intellectualObjectIdentifier)
                        .link(e -> e.intellectualObjectId() == null ? null
                                : "/objects/show/" + e.intellectualObjectId()))
                .column(Column.of("File", PremisEvent::genericFileIdentifier)
                        .link(e -> e.genericFileId() == null ? null : "/files/show/" + e.genericFileId()))
                .columnIf(v.isAdmin(), Column.of("Institution", PremisEvent::institutionName))
                .column(Column.of("Identifier", PremisEvent::identifier))
                .filter(FilterField.select("Event type", "event_type", Labels.same(Vocabulary.EVENT_TYPES)))
                .filter(FilterField.select("Outcome", "outcome", Labels.same(Vocabulary.EVENT_OUTCOMES)))
                .filter(FilterField.date("From", "date_time__gteq"))
                .filter(FilterField.date("Until", "date_time__lteq"))
                .filter(FilterField.text("Object identifier", "intellectual_object_identifier"))
                .filter(FilterField.text("File identifier", "generic_file_identifier"))
                .filter(FilterField.text("Event identifier (UUID)", "identifier"))
                .filter(FilterField.select("Level", "generic_file_id__is_null", List.of(
                        new FilterField.Option("true", "Object events only"),
                        new FilterField.Option("false", "File events only"))))
                .filterIf(v.isAdmin(), FilterField.select("Institution", "institution_id", institutions))
                .build();
    }

    @GET
    @Path("show/{id: .+}")
    public DetailView show(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        PremisEvent e = visible(v, id);
        return new DetailView(pages.context(request, "Event " + e.eventType(), v), facts(e), List.of(), List.of(),
                List.of());
    }

    /**
     * The original's show_xhr: the same event, with the same rules (another institution's event is not found), as
     * an HTML fragment for a dialog or a panel of another page.
     */
    @GET
    @Path("show_xhr/{id: .+}")
    public FragmentView showXhr(@Context ContainerRequestContext request, @Auth Viewer v, @PathParam("id") String id) {
        PremisEvent e = visible(v, id);
        return FragmentView.facts("Event " + e.eventType(), facts(e));
    }

    private PremisEvent visible(Viewer v, String id) {
        return Pages.visible(v, id, pages.daos().events()::find, pages.daos().events()::findByIdentifier,
                PremisEvent::institutionId);
    }

    static List<DetailView.Fact> facts(PremisEvent e) {
        return new DetailView.Facts()
                .add("Identifier", e.identifier())
                .add("Type", e.eventType())
                .add("Date (UTC)", Formats.dateTime(e.dateTime()))
                .styled("Outcome", e.outcome(), "outcome-" + e.outcome())
                .add("Outcome detail", e.outcomeDetail())
                .add("Outcome information", e.outcomeInformation())
                .add("Detail", e.detail())
                .add("Object", e.object())
                .add("Agent", e.agent())
                .link("Intellectual object", e.intellectualObjectIdentifier(),
                        "/objects/show/" + e.intellectualObjectId())
                .link("Generic file", e.genericFileIdentifier(), "/files/show/" + e.genericFileId())
                .link("Institution", e.institutionName(), "/institutions/show/" + e.institutionId())
                .add("Created (UTC)", Formats.dateTime(e.createdAt()))
                .build();
    }
}
