package org.aptrust.registry.web.pages;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.dropwizard.views.common.View;

/**
 * An HTML fragment without the layout, as the original's XHR routes answered (an event's detail for a dialog, one
 * page of an object's files or events): a facts table, or one section of a detail page with its pager, whose links
 * stay on the fragment's own URL.
 */
public final class FragmentView extends View {

    private final String title;
    private final List<DetailView.Fact> facts;
    private final DetailView.Section section;

    private FragmentView(String title, List<DetailView.Fact> facts, DetailView.Section section) {
        super("fragment.mustache", StandardCharsets.UTF_8);
        this.title = title;
        this.facts = facts;
        this.section = section;
    }

    public static FragmentView facts(String title, List<DetailView.Fact> facts) {
        return new FragmentView(title, facts, null);
    }

    public static FragmentView section(DetailView.Section section) {
        return new FragmentView(section.title(), List.of(), section);
    }

    public String title() {
        return title;
    }

    public List<DetailView.Fact> facts() {
        return facts;
    }

    public boolean hasFacts() {
        return !facts.isEmpty();
    }

    public DetailView.Section section() {
        return section;
    }
}
