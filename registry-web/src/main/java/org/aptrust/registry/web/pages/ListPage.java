package org.aptrust.registry.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.aptrust.registry.db.list.ListSpec;

/**
 * A list page's declaration: which list (its {@link ListSpec} whitelist), at which URL, with which columns and
 * filter fields. {@link ListPages} does the rest for every list alike: parse, scope, page, sort, CSV.
 *
 * @param singleMatchRedirect when set, a filter on one of {@code redirectKeys} that matches exactly one row goes
 *                            straight to that row's page (the identifier search)
 */
public record ListPage<T>(String title, String path, ListSpec spec, List<Column<T>> columns,
                          List<FilterField> filters, String csvName, Set<String> redirectKeys,
                          Function<T, String> singleMatchRedirect, String intro, List<BulkAction> bulkActions,
                          List<Preset> presets, Preset create) {

    /** A ready-made filter, shown as a link above the form (the original's "quick reports"). */
    public record Preset(String label, String href) {
    }

    /** A button under the table that posts the checked rows (and the CSRF token) to {@code href}. */
    public record BulkAction(String label, String href) {
    }

    public static <T> Builder<T> builder(String title, String path, ListSpec spec) {
        return new Builder<>(title, path, spec);
    }

    public static final class Builder<T> {
        private final String title;
        private final String path;
        private final ListSpec spec;
        private final List<Column<T>> columns = new ArrayList<>();
        private final List<FilterField> filters = new ArrayList<>();
        private String csvName;
        private Set<String> redirectKeys = Set.of();
        private Function<T, String> redirect;
        private String intro;
        private final List<BulkAction> bulkActions = new ArrayList<>();
        private final List<Preset> presets = new ArrayList<>();
        private Preset create;

        private Builder(String title, String path, ListSpec spec) {
            this.title = title;
            this.path = path;
            this.spec = spec;
            this.csvName = spec.name();
        }

        public Builder<T> column(Column<T> c) {
            columns.add(c);
            return this;
        }

        /** Adds the column only when {@code show} (the institution column, for admins). */
        public Builder<T> columnIf(boolean show, Column<T> c) {
            if (show) {
                columns.add(c);
            }
            return this;
        }

        public Builder<T> filter(FilterField f) {
            filters.add(f);
            return this;
        }

        /** The two dates of a range: "{label} from" ({column}__gteq) and "{label} until" ({column}__lteq). */
        public Builder<T> dateRange(String label, String column) {
            return filter(FilterField.date(label + " from", column + "__gteq"))
                    .filter(FilterField.date(label + " until", column + "__lteq"));
        }

        /** The two sizes of a range: "Size at least (bytes)" (size__gteq) and "Size at most (bytes)" (size__lteq). */
        public Builder<T> sizeRange() {
            return filter(FilterField.number("Size at least (bytes)", "size__gteq"))
                    .filter(FilterField.number("Size at most (bytes)", "size__lteq"));
        }

        /** Adds the field only when {@code show} (for example the institution picker, for admins). */
        public Builder<T> filterIf(boolean show, FilterField f) {
            if (show) {
                filters.add(f);
            }
            return this;
        }

        public Builder<T> csvName(String name) {
            csvName = name;
            return this;
        }

        public Builder<T> intro(String text) {
            intro = text;
            return this;
        }

        public Builder<T> bulkAction(String label, String href) {
            bulkActions.add(new BulkAction(label, href));
            return this;
        }

        public Builder<T> preset(String label, String href) {
            presets.add(new Preset(label, href));
            return this;
        }

        /** A link to the form that makes a new row ("New user"), shown when {@code show}. */
        public Builder<T> createLinkIf(boolean show, String label, String href) {
            create = show ? new Preset(label, href) : null;
            return this;
        }

        public Builder<T> redirectOnSingleMatch(Set<String> keys, Function<T, String> to) {
            redirectKeys = keys;
            redirect = to;
            return this;
        }

        public ListPage<T> build() {
            return new ListPage<>(title, path, spec, List.copyOf(columns), List.copyOf(filters), csvName,
                    redirectKeys, redirect, intro, List.copyOf(bulkActions), List.copyOf(presets), create);
        }
    }
}
