package org.aptrust.registry.web.app;

import com.codahale.metrics.jdbi3.strategies.DefaultNameStrategy;
import com.codahale.metrics.jdbi3.strategies.DelegatingStatementNameStrategy;
import com.codahale.metrics.jdbi3.strategies.StatementNameStrategy;
import org.aptrust.registry.db.dao.Daos;

/**
 * Names statements for the per-method SQL timers: a SQL-object method by its class and method (Dropwizard's
 * default), a list page by the DAO method it stands for (the statement attribute {@link Daos#METRIC_NAME}, set
 * where lists bypass Jdbi's on-demand proxies), anything else "sql.raw". Never the SQL text, whose variety would
 * make a timer per filter combination.
 */
final class StatementNames extends DelegatingStatementNameStrategy {

    private static final StatementNameStrategy LIST = ctx -> {
        Object name = ctx.getAttribute(Daos.METRIC_NAME);
        return name == null ? null : name.toString();
    };

    StatementNames() {
        super(DefaultNameStrategy.CHECK_EMPTY, DefaultNameStrategy.SQL_OBJECT, LIST,
                DefaultNameStrategy.CONSTANT_SQL_RAW);
    }
}
