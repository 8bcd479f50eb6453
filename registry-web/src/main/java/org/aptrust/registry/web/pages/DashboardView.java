package org.aptrust.registry.web.pages;

/** The dashboard. */
public class DashboardView extends PageView {

    public DashboardView(PageContext page) {
        super("dashboard.mustache", page);
    }
}
