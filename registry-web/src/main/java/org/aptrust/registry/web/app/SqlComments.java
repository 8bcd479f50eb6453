package org.aptrust.registry.web.app;

import java.util.Optional;
import java.util.function.Function;

import org.aptrust.registry.db.dao.Daos;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Puts the DAO method a statement comes from in front of its SQL ({@code /* IntellectualObjectDao.list *}{@code /}),
 * so the server's logs and pg_stat_activity say who sent it, as Dropwizard's auto comments do. Dropwizard's engine
 * renders each statement from scratch, which made Jdbi lex every statement's SQL again: a quarter of the service's
 * CPU under the API benchmark. This one is a parsing engine, so Jdbi parses each SQL text once and keeps it; only
 * the comment is added per statement.
 */
final class SqlComments implements TemplateEngine.Parsing {

    private final TemplateEngine.Parsing sql = new DefinedAttributeTemplateEngine();

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        return sql.parse(template, config).map(render -> ctx -> commentFor(ctx) + render.apply(ctx));
    }

    static String commentFor(StatementContext ctx) {
        ExtensionMethod method = ctx.getExtensionMethod();
        if (method != null) {
            return "/* " + method.getType().getSimpleName() + "." + method.getMethod().getName() + " */ ";
        }
        // A list read without a SQL object names its DAO method in an attribute: package.Dao.list -> Dao.list
        Object list = ctx.getAttribute(Daos.METRIC_NAME);
        if (list != null) {
            String name = list.toString();
            return "/* " + name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + " */ ";
        }
        return "";
    }
}
