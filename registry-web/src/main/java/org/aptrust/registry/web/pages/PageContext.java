package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;

import org.aptrust.registry.web.auth.Viewer;

/**
 * What the layout needs on every page: the title, who is signed in (null on the sign-in and error pages of an
 * anonymous visitor), the navigation for their role, a CSRF token for the forms on the page, and the deadline of the
 * two-factor enrolment banner (null: no banner).
 */
public record PageContext(String title, Viewer viewer, String csrfToken, List<NavItem> nav, String enrolTwoFactorBy) {

    /** One link of the main navigation. */
    public record NavItem(String label, String href, boolean active) {
    }

    public static PageContext of(String title, Viewer viewer, String csrfToken, String path) {
        return new PageContext(title, viewer, csrfToken, viewer == null ? List.of() : navFor(viewer, path), null);
    }

    /**
     * The same with the site-wide banner that asks the user to turn two-factor sign-in on by {@code due} (UTC, as
     * shown), or without it when {@code due} is null.
     */
    public PageContext withEnrolmentBanner(String due) {
        return new PageContext(title, viewer, csrfToken, nav, due);
    }

    /** True when every page shows the two-factor enrolment banner (required of the user, within the grace period). */
    public boolean enrolmentBanner() {
        return viewer != null && enrolTwoFactorBy != null;
    }

    /** The sections a user may open, in the original's order; the one holding {@code path} is marked current. */
    static List<NavItem> navFor(Viewer v, String path) {
        List<String[]> links = new ArrayList<>();
        links.add(new String[] {"Dashboard", "/dashboard", "/dashboard"});
        links.add(new String[] {"Objects", "/objects?state=A", "/objects"});
        links.add(new String[] {"Files", "/files?state=A", "/files"});
        links.add(new String[] {"Events", "/events", "/events"});
        links.add(new String[] {"Work Items", "/work_items", "/work_items"});
        links.add(new String[] {"Alerts", "/alerts", "/alerts"});
        links.add(new String[] {"Deletions", "/deletions/", "/deletions"});
        if (v.isAdmin()) {
            links.add(new String[] {"Institutions", "/institutions", "/institutions"});
        } else if (v.institutionId() != null) {
            links.add(new String[] {"Institution", "/institutions/show/" + v.institutionId(), "/institutions"});
        }
        if (v.canListUsers()) {
            links.add(new String[] {"Users", "/users", "/users"});
        }
        links.add(new String[] {"Deposits", "/reports/deposits", "/reports/deposits"});
        if (v.isAdmin()) {
            links.add(new String[] {"Billing", "/reports/billing", "/reports/billing"});
            links.add(new String[] {"Internals", "/internal_metadata", "/internal_metadata"});
            links.add(new String[] {"Mail", "/internal/mail", "/internal/mail"});
            links.add(new String[] {"NSQ", "/nsq", "/nsq"});
        }
        String p = path == null ? "" : (path.startsWith("/") ? path : "/" + path);
        return links.stream().map(l -> new NavItem(l[0], l[1], p.equals(l[2]) || p.startsWith(l[2] + "/"))).toList();
    }

    public boolean signedIn() {
        return viewer != null;
    }
}
