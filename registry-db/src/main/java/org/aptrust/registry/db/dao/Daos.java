package org.aptrust.registry.db.dao;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;

import org.aptrust.registry.db.list.ListEngine;
import org.aptrust.registry.db.list.ListQuery;
import org.aptrust.registry.db.list.ListSpec;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Every read DAO, on demand (each call borrows a connection for its duration). The application builds one from its
 * Jdbi and hands it to the API and web resources.
 */
public record Daos(
        AlertDao alerts,
        ChecksumDao checksums,
        DeletionRequestDao deletions,
        GenericFileDao files,
        InstitutionDao institutions,
        IntellectualObjectDao objects,
        PremisEventDao events,
        StorageRecordDao storageRecords,
        UserDao users,
        WorkItemDao workItems,
        CredentialsDao credentials) {

    /**
     * The statement attribute that names a list's statements for metrics (the SQL-object method they stand for,
     * e.g. org.aptrust.registry.db.dao.IntellectualObjectDao.list); see the application's statement name strategy.
     */
    public static final String METRIC_NAME = "registry.metric";

    private static final Method LIST = method("list", ListQuery.class);
    private static final Method LIST_SPEC = method("listSpec");
    private static final Method ROW_MAPPER = method("rowMapper");

    public static Daos onDemand(Jdbi jdbi) {
        return onDemand(jdbi, jdbi);
    }

    /**
     * The read DAOs on {@code reads} (which may send a request's reads to a replica), except the credentials, which
     * are always read on {@code primary}: a reset API key or a deactivation must count at once.
     */
    public static Daos onDemand(Jdbi reads, Jdbi primary) {
        Jdbi jdbi = reads;
        return new Daos(
                listing(jdbi, AlertDao.class),
                listing(jdbi, ChecksumDao.class),
                listing(jdbi, DeletionRequestDao.class),
                listing(jdbi, GenericFileDao.class),
                listing(jdbi, InstitutionDao.class),
                listing(jdbi, IntellectualObjectDao.class),
                listing(jdbi, PremisEventDao.class),
                listing(jdbi, StorageRecordDao.class),
                listing(jdbi, UserDao.class),
                listing(jdbi, WorkItemDao.class),
                primary.onDemand(CredentialsDao.class));
    }

    /**
     * An on-demand DAO whose list(query) runs the list engine on a handle of its own instead of through Jdbi's
     * on-demand SQL object. Jdbi attaches a fresh SQL object for every on-demand call, building a handler and a
     * configuration copy for each of the interface's methods: under the API benchmark that was a fifth of the
     * service's CPU, for a call that needs none of it. Every other method goes to the usual on-demand SQL object.
     */
    static <D extends ListDao<?>> D listing(Jdbi jdbi, Class<D> type) {
        D onDemand = jdbi.onDemand(type);
        ListSpec spec = onDemand.listSpec();
        RowMapper<?> mapper = onDemand.rowMapper();
        String metric = type.getName() + ".list";
        InvocationHandler handler = (proxy, method, args) -> {
            // By signature: each DAO overrides listSpec() and rowMapper(), so their Method is the DAO's own.
            if (sameSignature(method, LIST)) {
                ListQuery query = (ListQuery) args[0];
                return jdbi.withHandle(h -> ListEngine.list(h.define(METRIC_NAME, metric), spec, query, mapper));
            }
            if (sameSignature(method, LIST_SPEC)) {
                return spec;
            }
            if (sameSignature(method, ROW_MAPPER)) {
                return mapper;
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "listing " + type.getSimpleName();
                    default -> method.invoke(onDemand, args);
                };
            }
            try {
                return method.invoke(onDemand, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static boolean sameSignature(Method called, Method known) {
        return called.getName().equals(known.getName())
                && Arrays.equals(called.getParameterTypes(), known.getParameterTypes());
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return ListDao.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plugins the DAOs rely on (SQL objects; PostgreSQL types). Idempotent. */
    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        return jdbi;
    }
}
