package org.aptrust.registry.db.list;

import java.util.Objects;
import java.util.function.Consumer;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One list, ready to read: the Jdbi it reads on (the application gives the list readers its {@code reads} Jdbi, which
 * may send a request's reads to a replica), its whitelist ({@link ListSpec}: relation, filters, sorts, scope columns),
 * how a row becomes a record, and how its totals are found. The application builds one per list
 * ({@code dao.ListReaders}) and hands it to the API resources and web pages that show the list.
 *
 * <p>Each call borrows a connection for its duration. The statements carry the reader's name in the attribute
 * {@link #METRIC_NAME} ({@code org.aptrust.registry.db.dao.GenericFileDao.list}, {@code ....stream}), which the
 * application's SQL timers and SQL comments use as they use a SQL object's method.
 *
 * @param <T> the row record
 */
public final class ListReader<T> {

    /**
     * The statement attribute that names a list's statements for metrics and SQL comments (see the application's
     * StatementNames and SqlComments).
     */
    public static final String METRIC_NAME = "registry.metric";

    private final Jdbi jdbi;
    private final ListSpec spec;
    private final RowMapper<T> mapper;
    private final TotalsStrategy totals;
    private final String pageName;
    private final String streamName;

    /**
     * @param name what the statements are named by: {@code name + ".list"} for a page, {@code name + ".stream"} for
     *             a CSV download
     */
    public ListReader(Jdbi jdbi, ListSpec spec, RowMapper<T> mapper, TotalsStrategy totals, String name) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.totals = Objects.requireNonNull(totals, "totals");
        this.pageName = name + ".list";
        this.streamName = name + ".stream";
    }

    /** The list's whitelist, which parses the request's parameters ({@link ListQuery#parse}). */
    public ListSpec spec() {
        return spec;
    }

    public RowMapper<T> mapper() {
        return mapper;
    }

    public TotalsStrategy totals() {
        return totals;
    }

    /** Parses query-string parameters against this list's whitelist; see {@link ListQuery#parse}. */
    public ListQuery parse(java.util.Map<String, java.util.List<String>> params, Scope scope,
                           java.util.Set<String> ignored) {
        return ListQuery.parse(spec, params, scope, ignored);
    }

    /**
     * One page of the list and its total. The query's scope is applied by the engine; a query without one is refused
     * (by {@link ListQuery}), never read as every institution's rows.
     */
    public Page<T> list(ListQuery query) {
        Objects.requireNonNull(query.scope(), "scope");
        return jdbi.withHandle(h -> ListEngine.list(h.define(METRIC_NAME, pageName), spec, query, mapper, totals));
    }

    /**
     * Every matching row in list order, at most cap rows, without a total; returns how many were sent. Runs in a
     * read-only transaction, which lets the driver fetch the rows in batches instead of all at once.
     */
    public int stream(ListQuery query, int cap, Consumer<T> sink) {
        Objects.requireNonNull(query.scope(), "scope");
        return jdbi.withHandle(h -> {
            h.define(METRIC_NAME, streamName);
            boolean wasReadOnly = h.isReadOnly();
            h.setReadOnly(true);
            try {
                return h.inTransaction(t -> ListEngine.stream(t, spec, query, mapper, totals, cap, sink));
            } finally {
                h.setReadOnly(wasReadOnly);
            }
        });
    }

    @Override
    public String toString() {
        return "ListReader " + spec.name() + " (" + pageName + ")";
    }
}
