package org.aptrust.registry.web.pages;

import java.util.List;

/** A report: links between the reports, the form that picks what to show, then tables and charts. */
public class ReportView extends PageView {

    /** A link to a sibling report; the current one is marked. */
    public record Tab(String label, String href, boolean active) {
    }

    private final List<Tab> tabs;
    private final String intro;
    private final String error;
    private final FilterFormModel form;
    private final List<DetailView.Section> sections;

    public ReportView(PageContext page, List<Tab> tabs, String intro, String error, FilterFormModel form,
                      List<DetailView.Section> sections) {
        super("report.mustache", page);
        this.tabs = List.copyOf(tabs);
        this.intro = intro;
        this.error = error;
        this.form = form;
        this.sections = List.copyOf(sections);
    }

    public List<Tab> tabs() {
        return tabs;
    }

    public boolean hasTabs() {
        return !tabs.isEmpty();
    }

    public String intro() {
        return intro;
    }

    public String error() {
        return error;
    }

    public FilterFormModel form() {
        return form;
    }

    public List<DetailView.Section> sections() {
        return sections;
    }

    public boolean hasCharts() {
        return sections.stream().anyMatch(s -> s.chart() != null && s.chart().hasData());
    }
}
