package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * Any detail page: a table of facts about the row, flags (pending work), optional action forms, then sections,
 * each a table with its own pager, search box and chart. One template serves every detail page.
 */
public class DetailView extends PageView {

    /** One labelled value; linked when it names another page. */
    public record Fact(String label, String value, String href, String css) {
        public static Fact of(String label, Object value) {
            return new Fact(label, Formats.text(value), null, null);
        }

        public static Fact link(String label, Object value, String href) {
            String v = Formats.text(value);
            return new Fact(label, v, v.isEmpty() ? null : href, null);
        }

        public boolean multiline() {
            return value != null && value.contains("\n");
        }
    }

    /**
     * A button that posts to an action (CSRF token included by the template), or with {@code get} a link to a page
     * that asks to confirm first.
     */
    public record Action(String label, String href, String note, boolean get) {
        public Action(String label, String href, String note) {
            this(label, href, note, false);
        }

        public static Action page(String label, String href, String note) {
            return new Action(label, href, note, true);
        }
    }

    /** A part of the page below the facts: a table with its pager and search, or a chart with its numbers. */
    public record Section(String title, String id, String note, FilterFormModel search, PagerModel pager,
                          TableModel table, ChartModel chart, TableModel chartTable, boolean openNumbers) {

        public static Section table(String title, String id, TableModel table) {
            return new Section(title, id, null, null, null, table, null, null, false);
        }

        /** A chart and, as its text alternative, a table of the same numbers (folded away unless open). */
        public static Section chart(String title, String id, ChartModel chart, TableModel numbers, boolean open) {
            return new Section(title, id, null, null, null, null, chart, numbers, open);
        }

        public Section withPager(PagerModel p) {
            return new Section(title, id, note, search, p, table, chart, chartTable, openNumbers);
        }

        public Section withSearch(FilterFormModel s) {
            return new Section(title, id, note, s, pager, table, chart, chartTable, openNumbers);
        }

        public Section withNote(String n) {
            return new Section(title, id, n, search, pager, table, chart, chartTable, openNumbers);
        }
    }

    /** A form that posts one choice (a select) to an action, CSRF token included by the template. */
    public record ChoiceForm(String label, String href, String name, String fieldLabel,
                             List<EditFormView.Choice> choices, String note) {
    }

    /** A part of the page showing preformatted texts (JSON documents), each under its label, with actions. */
    public record TextBlock(String title, String id, String note, List<Fact> entries, List<Action> actions) {
    }

    private List<ChoiceForm> choiceForms = List.of();
    private List<TextBlock> blocks = List.of();
    private final List<Fact> facts;
    private final List<String> flags;
    private final List<Action> actions;
    private final List<Section> sections;
    private List<Action> links = List.of();

    public DetailView(PageContext page, List<Fact> facts, List<String> flags, List<Action> actions,
                      List<Section> sections) {
        super("detail.mustache", page);
        this.facts = List.copyOf(facts);
        this.flags = List.copyOf(flags);
        this.actions = List.copyOf(actions);
        this.sections = List.copyOf(sections);
    }

    /** Links to other pages about the row (an edit form), shown beside the action buttons. */
    public DetailView withLinks(List<Action> l) {
        this.links = List.copyOf(l);
        return this;
    }

    public DetailView withChoiceForms(List<ChoiceForm> f) {
        this.choiceForms = List.copyOf(f);
        return this;
    }

    public DetailView withBlocks(List<TextBlock> b) {
        this.blocks = List.copyOf(b);
        return this;
    }

    public List<ChoiceForm> choiceForms() {
        return choiceForms;
    }

    public List<TextBlock> blocks() {
        return blocks;
    }

    public List<Action> links() {
        return links;
    }

    public List<Fact> facts() {
        return facts;
    }

    public List<String> flags() {
        return flags;
    }

    public List<Action> actions() {
        return actions;
    }

    public List<Section> sections() {
        return sections;
    }

    public boolean hasCharts() {
        return sections.stream().anyMatch(s -> s.chart() != null && s.chart().hasData());
    }

    /** Builds the facts of a page in order, skipping the ones a role may not see. */
    public static final class Facts {
        private final List<Fact> list = new ArrayList<>();

        public Facts add(String label, Object value) {
            list.add(Fact.of(label, value));
            return this;
        }

        public Facts addIf(boolean show, String label, Object value) {
            if (show) {
                add(label, value);
            }
            return this;
        }

        public Facts link(String label, Object value, String href) {
            list.add(Fact.link(label, value, href));
            return this;
        }

        public Facts styled(String label, Object value, String css) {
            list.add(new Fact(label, Formats.text(value), null, css));
            return this;
        }

        public List<Fact> build() {
            return List.copyOf(list);
        }
    }
}
