package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record's form (a user, an institution, an institution's preferences): labelled fields, each with its value and,
 * after a refused submission, the reason, plus the list of every problem on top. One template serves every such form.
 */
public class EditFormView extends PageView {

    /** One choice of a select. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** One input; {@code type} is an HTML input type, or "select". */
    public record Field(String name, String label, String type, String value, List<Choice> choices, boolean required,
                        boolean readonly, String hint, String error) {

        public boolean select() {
            return "select".equals(type);
        }

        public boolean hasError() {
            return error != null;
        }
    }

    /** A problem with one field, named by its form name. */
    public record Problem(String field, String message) {
    }

    private final String action;
    private final String submitLabel;
    private final List<Field> fields;
    private final List<Problem> problems;
    private final String intro;

    public EditFormView(PageContext page, String action, String submitLabel, String intro, List<Field> fields,
                        List<Problem> problems) {
        super("edit_form.mustache", page);
        this.action = action;
        this.submitLabel = submitLabel;
        this.intro = intro;
        this.problems = List.copyOf(problems);
        List<Field> withErrors = new ArrayList<>();
        for (Field f : fields) {
            String error = problems.stream().filter(p -> p.field().equals(f.name())).map(Problem::message)
                    .reduce((a, b) -> a + "; " + b).orElse(null);
            withErrors.add(new Field(f.name(), f.label(), f.type(), f.value(), f.choices(), f.required(), f.readonly(),
                    f.hint(), error));
        }
        this.fields = List.copyOf(withErrors);
    }

    public static Field text(String name, String label, String type, Map<String, String> values, boolean required,
                             String hint) {
        return new Field(name, label, type, values.getOrDefault(name, ""), List.of(), required, false, hint, null);
    }

    public static Field fixed(String name, String label, String value) {
        return new Field(name, label, "text", value, List.of(), false, true, null, null);
    }

    public static Field select(String name, String label, List<FilterField.Option> options, Map<String, String> values,
                               boolean required, String hint) {
        String v = values.getOrDefault(name, "");
        List<Choice> choices = options.stream().map(o -> new Choice(o.value(), o.label(), o.value().equals(v)))
                .toList();
        return new Field(name, label, "select", v, choices, required, false, hint, null);
    }

    /** A submitted form's fields, the first value of each, without the CSRF token. */
    public static Map<String, String> submitted(jakarta.ws.rs.core.MultivaluedMap<String, String> form) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (form != null) {
            form.forEach((k, vs) -> {
                if (!k.equals("csrf_token") && vs != null && !vs.isEmpty() && vs.get(0) != null) {
                    m.put(k, vs.get(0));
                }
            });
        }
        return m;
    }

    public static final List<FilterField.Option> YES_NO = List.of(new FilterField.Option("false", "No"),
            new FilterField.Option("true", "Yes"));

    public String action() {
        return action;
    }

    public String submitLabel() {
        return submitLabel;
    }

    public String intro() {
        return intro;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<Problem> problems() {
        return problems;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
