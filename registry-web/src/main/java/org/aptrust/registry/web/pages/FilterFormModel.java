package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;

/** A list's filter form as rendered: each field with its current value(s), plus the sort and page size to keep. */
public record FilterFormModel(String action, List<Field> fields, List<Hidden> hidden, String resetHref) {

    public record Field(String id, String label, String name, String value, boolean text, boolean date,
                        boolean number, boolean select, boolean choice, boolean multi, List<Choice> options) {
    }

    public record Choice(String value, String label, boolean selected) {
    }

    public record Hidden(String name, String value) {
    }

    public boolean hasFields() {
        return !fields.isEmpty();
    }

    public static FilterFormModel of(String path, List<FilterField> filters, QueryString query) {
        List<Field> fields = new ArrayList<>();
        for (FilterField f : filters) {
            List<String> current = query.all(f.name());
            String value = current.isEmpty() ? "" : current.get(0);
            if (f.kind() == FilterField.Kind.DATE && value.length() > 10) {
                value = value.substring(0, 10); // a date input holds a date only
            }
            List<Choice> choices = f.options().stream()
                    .map(o -> new Choice(o.value(), o.label(), current.contains(o.value()))).toList();
            String id = "f-" + f.name().replaceAll("[^A-Za-z0-9_-]", "_");
            fields.add(new Field(id, f.label(), f.name(), value, f.kind() == FilterField.Kind.TEXT,
                    f.kind() == FilterField.Kind.DATE, f.kind() == FilterField.Kind.NUMBER,
                    f.kind() == FilterField.Kind.SELECT, f.kind() == FilterField.Kind.CHOICE,
                    f.kind() == FilterField.Kind.MULTI, choices));
        }
        List<Hidden> hidden = new ArrayList<>();
        for (String keep : List.of("sort", "per_page")) {
            query.all(keep).forEach(v -> hidden.add(new Hidden(keep, v)));
        }
        return new FilterFormModel(path, fields, hidden, path);
    }

    /** The same form carrying one more hidden value (which report, for example). */
    public FilterFormModel withHidden(String name, String value) {
        List<Hidden> more = new ArrayList<>(hidden);
        more.add(new Hidden(name, value));
        return new FilterFormModel(action, fields, more, resetHref);
    }

    public FilterFormModel withReset(String href) {
        return new FilterFormModel(action, fields, hidden, href);
    }
}
