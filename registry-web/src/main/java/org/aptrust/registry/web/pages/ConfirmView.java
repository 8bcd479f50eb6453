package org.aptrust.registry.web.pages;

import java.util.List;

/**
 * A page that shows what a step will act on and asks to confirm it (request a deletion, review one, request a
 * restoration), or says what a step did: a lead sentence, facts, the items concerned and the forms that go on.
 */
public class ConfirmView extends PageView {

    /** A hidden field a form carries (the review token). */
    public record Hidden(String name, String value) {
    }

    /** A POST form with one button. */
    public record Form(String action, String label, String css, List<Hidden> hidden) {
        public Form {
            hidden = List.copyOf(hidden);
        }

        public static Form of(String action, String label) {
            return new Form(action, label, "", List.of());
        }
    }

    private final String lead;
    private final List<DetailView.Fact> facts;
    private final List<String> items;
    private final List<Form> forms;

    public ConfirmView(PageContext page, String lead, List<DetailView.Fact> facts, List<String> items,
                       List<Form> forms) {
        super("confirm.mustache", page);
        this.lead = lead;
        this.facts = List.copyOf(facts);
        this.items = List.copyOf(items);
        this.forms = List.copyOf(forms);
    }

    public String lead() {
        return lead;
    }

    public List<DetailView.Fact> facts() {
        return facts;
    }

    public boolean hasFacts() {
        return !facts.isEmpty();
    }

    public List<String> items() {
        return items;
    }

    public boolean hasItems() {
        return !items.isEmpty();
    }

    public List<Form> forms() {
        return forms;
    }
}
