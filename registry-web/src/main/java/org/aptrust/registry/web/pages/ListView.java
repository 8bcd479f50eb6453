package org.aptrust.registry.web.pages;

/** Any list page: intro, filter form (with the message when a value was not accepted), pager, table, pager, CSV. */
public class ListView extends PageView {

    private final String intro;
    private final String error;
    private final FilterFormModel filters;
    private final TableModel table;
    private final PagerModel pager;
    private final String csvHref;
    private final String csvCap;
    private final java.util.List<ListPage.BulkAction> bulkActions;
    private String backHref;
    private java.util.List<ListPage.Preset> presets = java.util.List.of();

    public ListView(PageContext page, String intro, String error, FilterFormModel filters, TableModel table,
                    PagerModel pager, String csvHref, int csvCap, java.util.List<ListPage.BulkAction> bulkActions) {
        super("list.mustache", page);
        this.intro = intro;
        this.error = error;
        this.filters = filters;
        this.table = table;
        this.pager = pager;
        this.csvHref = csvHref;
        this.csvCap = Formats.number(csvCap);
        this.bulkActions = bulkActions;
    }

    /** The page as it is now, where a bulk action comes back to. */
    public String backHref() {
        return backHref;
    }

    public java.util.List<ListPage.Preset> presets() {
        return presets;
    }

    public boolean hasPresets() {
        return !presets.isEmpty();
    }

    private ListPage.Preset create;

    ListView withCreate(ListPage.Preset c) {
        this.create = c;
        return this;
    }

    public ListPage.Preset create() {
        return create;
    }

    ListView withPresets(java.util.List<ListPage.Preset> p) {
        this.presets = p;
        return this;
    }

    ListView withBackHref(String href) {
        this.backHref = href;
        return this;
    }

    public java.util.List<ListPage.BulkAction> bulkActions() {
        return bulkActions;
    }

    /** Where the form posts when submitted without a particular button (the first action). */
    public String bulkFormAction() {
        return bulkActions.isEmpty() ? null : bulkActions.get(0).href();
    }

    public boolean hasBulkActions() {
        return !bulkActions.isEmpty() && table != null && !table.empty();
    }

    public String intro() {
        return intro;
    }

    public String error() {
        return error;
    }

    public FilterFormModel filters() {
        return filters;
    }

    public TableModel table() {
        return table;
    }

    public PagerModel pager() {
        return pager;
    }

    public String csvHref() {
        return csvHref;
    }

    public String csvCap() {
        return csvCap;
    }
}
