package org.aptrust.registry.web.pages;

import java.util.List;

/** The dashboard: headline totals as cards, then sections (recent work items and alerts, deposits, formats). */
public class DashboardView extends PageView {

    /** One headline number, linking to the list it counts. */
    public record Card(String label, String value, String href) {
    }

    private final List<Card> cards;
    private final List<DetailView.Section> sections;

    public DashboardView(PageContext page, List<Card> cards, List<DetailView.Section> sections) {
        super("dashboard.mustache", page);
        this.cards = List.copyOf(cards);
        this.sections = List.copyOf(sections);
    }

    public List<Card> cards() {
        return cards;
    }

    public List<DetailView.Section> sections() {
        return sections;
    }

    public boolean hasCharts() {
        return sections.stream().anyMatch(s -> s.chart() != null && s.chart().hasData());
    }
}
