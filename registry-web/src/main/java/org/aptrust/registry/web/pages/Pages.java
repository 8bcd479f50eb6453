package org.aptrust.registry.web.pages;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aptrust.registry.db.dao.Daos;
import org.aptrust.registry.db.dao.ListReaders;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.Scope;
import org.aptrust.registry.db.model.Institution;
import org.aptrust.registry.web.auth.SessionCookies;
import org.aptrust.registry.web.auth.Viewer;
import org.aptrust.registry.web.auth.WebAuth;
import org.aptrust.registry.web.auth.WebSession;

/** What every page resource needs from the request: the signed-in user and the layout's context. */
public final class Pages {

    private final WebAuth auth;
    private final Daos daos;
    private final ListReaders lists;

    public Pages(WebAuth auth, Daos daos, ListReaders lists) {
        this.auth = auth;
        this.daos = daos;
        this.lists = lists;
    }

    /** The reads of one record (find, detail). */
    public Daos daos() {
        return daos;
    }

    /** Every list (pages, CSV downloads, the dashboard's figures), on the reads Jdbi. */
    public ListReaders lists() {
        return lists;
    }

    public WebAuth auth() {
        return auth;
    }

    public SessionCookies cookies() {
        return auth.cookies();
    }

    public PageContext context(ContainerRequestContext request, String title) {
        return context(request, title, auth.viewer(request).orElse(null));
    }

    /**
     * The layout's context. A user of whom two-factor sign-in is required and who has not turned it on yet gets, on
     * every page until the grace period ends, the banner with the deadline and a link to enrol.
     */
    public PageContext context(ContainerRequestContext request, String title, Viewer viewer) {
        PageContext page = PageContext.of(title, viewer, csrfToken(request), "/" + request.getUriInfo().getPath());
        if (viewer == null || WebAuth.awaitingSecondFactor(request)) {
            return page;
        }
        return page.withEnrolmentBanner(WebAuth.enrolTwoFactorBy(request).map(Formats::dateTime).orElse(null));
    }

    /** A masked CSRF token for the request's session (fresh on every call). */
    public String csrfToken(ContainerRequestContext request) {
        WebSession s = WebAuth.session(request);
        return s == null ? "" : cookies().codec().maskedCsrfToken(s);
    }

    /** The error page, with the layout of whoever is signed in. */
    public Response error(ContainerRequestContext request, int status, String message) {
        PageContext page = context(request, ErrorView.titleFor(status), errorViewer(request, status));
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(new ErrorView(page, status, message == null ? ErrorView.defaultMessage(status) : message))
                .build();
    }

    /**
     * Whom the error page's layout names. A server error may mean the database is gone, so the page then needs no
     * database: only a user this request already read is shown. Other errors read the session as usual, and an error
     * page still renders (signed out) if that read fails.
     */
    private Viewer errorViewer(ContainerRequestContext request, int status) {
        if (status >= 500) {
            return request.getProperty(Viewer.class.getName()) instanceof Viewer v ? v : null;
        }
        try {
            return auth.viewer(request).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every institution, by name, for the institution pickers of admins' filter forms. */
    public List<FilterField.Option> institutionOptions() {
        return lists.institutions().list(ListQuery.of(Scope.ALL).withPage(1, ListQuery.MAX_PER_PAGE)).results()
                .stream().map(i -> new FilterField.Option(String.valueOf(i.id()), i.name())).toList();
    }

    /** Every user, by name with the address, for the recipient picker of admins' alert list. */
    public List<FilterField.Option> userOptions() {
        return lists.users().list(ListQuery.of(Scope.ALL).withPage(1, ListQuery.MAX_PER_PAGE)).results().stream()
                .sorted(java.util.Comparator.comparing(u -> u.name() == null ? "" : u.name().toLowerCase()))
                .map(u -> new FilterField.Option(String.valueOf(u.id()), u.name() + " <" + u.email() + ">")).toList();
    }

    public Optional<Institution> institution(Integer id) {
        return id == null ? Optional.empty() : daos.institutions().find(id);
    }

    /**
     * The row a detail URL names, by numeric id or by identifier (old links use identifiers, slashes and all),
     * if the viewer may see it: another institution's row is "not found", exactly like a missing one.
     */
    public static <T> T visible(Viewer viewer, String idOrIdentifier, IntFunction<Optional<T>> byId,
                                Function<String, Optional<T>> byIdentifier, Function<T, Integer> institutionOf) {
        Optional<T> row;
        if (idOrIdentifier != null && idOrIdentifier.matches("\\d{1,9}")) {
            row = byId.apply(Integer.parseInt(idOrIdentifier));
        } else if (byIdentifier != null && idOrIdentifier != null && !idOrIdentifier.isBlank()) {
            row = byIdentifier.apply(idOrIdentifier);
        } else {
            row = Optional.empty();
        }
        return row.filter(r -> viewer.maySee(institutionOf.apply(r))).orElseThrow(PageException::notFound);
    }

    /** A positive integer query parameter, or the default when absent or not a number in range. */
    public static int intParam(String raw, int dflt, int max) {
        if (raw == null || !raw.strip().matches("\\d{1,9}")) {
            return dflt;
        }
        int v = Integer.parseInt(raw.strip());
        return v < 1 ? dflt : Math.min(v, max);
    }
}
