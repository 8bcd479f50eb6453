package org.aptrust.registry.web.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.aptrust.registry.db.fixtures.DatabaseReset;
import org.aptrust.registry.db.fixtures.DisposableDatabase;
import org.aptrust.registry.db.migrate.CurrentSchema;
import org.aptrust.registry.db.migrate.MigrationRunner;
import org.aptrust.registry.db.migrate.MigrationState;
import org.aptrust.registry.db.seed.Scale;
import org.aptrust.registry.db.seed.ScaleDataGenerator;
import org.aptrust.registry.web.app.DatabaseStartup;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.app.RegistryDatabase;

/**
 * {@code db <subcommand> [options] CONFIG}: the operator's database commands. Each opens the configured database
 * (starting the embedded one when no url is set) and goes through the same runner and reset code as the service.
 */
public class DbCommand extends ConfiguredCommand<RegistryConfiguration> {

    private static final String SUBCOMMAND = "db-subcommand";

    /** One db subcommand. */
    interface Sub {
        String description();

        void configure(Subparser parser);

        /** @return the process exit code */
        int run(RegistryDatabase db, RegistryConfiguration config, Namespace ns) throws Exception;
    }

    private final SortedMap<String, Sub> subcommands = new TreeMap<>(Map.of(
            "migrate", new Migrate(),
            "status", new Status(),
            "reset", new Reset(),
            "load-fixtures", new LoadFixtures(),
            "seed", new Seed(),
            "schema", new Schema()));

    public DbCommand() {
        super("db", "Database commands: migrate, status, reset, load-fixtures, seed, schema");
    }

    /** Lets later work add subcommands (seed) without touching this class's wiring. */
    public DbCommand with(String name, Sub sub) {
        subcommands.put(name, sub);
        return this;
    }

    @Override
    public void configure(Subparser subparser) {
        for (Map.Entry<String, Sub> e : subcommands.entrySet()) {
            Subparser p = subparser.addSubparsers().addParser(e.getKey())
                    .setDefault(SUBCOMMAND, e.getKey())
                    .description(e.getValue().description());
            e.getValue().configure(p);
            addFileArgument(p);
        }
    }

    @Override
    protected void run(Bootstrap<RegistryConfiguration> bootstrap, Namespace namespace, RegistryConfiguration config)
            throws Exception {
        Sub sub = subcommands.get(namespace.getString(SUBCOMMAND));
        int code;
        try (RegistryDatabase db = config.getDatabase().open()) {
            code = sub.run(db, config, namespace);
        }
        if (code != 0) {
            // Dropwizard prints the message and the process exits non-zero.
            throw new CommandFailedException("db " + namespace.getString(SUBCOMMAND) + " found problems (exit "
                    + code + ")");
        }
    }

    /** A command that ran but found the database in a state the operator must act on. */
    public static class CommandFailedException extends RuntimeException {
        public CommandFailedException(String message) {
            super(message);
        }
    }

    static MigrationRunner runner(RegistryDatabase db, RegistryConfiguration config) {
        return DatabaseStartup.runner(db, config.getDatabase(), System.out::println);
    }

    /** Prints the schema as it is now (what migrations/current/schema.sql holds for a fully migrated database). */
    static final class Schema implements Sub {
        @Override
        public String description() {
            return "Print the database's current schema as SQL (tables, constraints, indexes, views, functions,"
                    + " triggers), as " + CurrentSchema.FILE + " holds it";
        }

        @Override
        public void configure(Subparser parser) {
        }

        @Override
        public int run(RegistryDatabase db, RegistryConfiguration config, Namespace ns) throws Exception {
            try (java.sql.Connection c = db.simpleDataSource().getConnection()) {
                System.out.print(CurrentSchema.of(c));
            }
            return 0;
        }
    }

    static final class Migrate implements Sub {
        @Override
        public String description() {
            return "Apply pending migrations";
        }

        @Override
        public void configure(Subparser parser) {
            parser.addArgument("--dry-run").dest("dryRun").action(Arguments.storeTrue())
                    .help("print what would be applied and change nothing");
            parser.addArgument("--accept-changed").dest("acceptChanged").action(Arguments.storeTrue())
                    .help("record the new checksum of applied files that have changed (they are not re-run)");
        }

        @Override
        public int run(RegistryDatabase db, RegistryConfiguration config, Namespace ns) {
            MigrationRunner runner = runner(db, config);
            if (Boolean.TRUE.equals(ns.getBoolean("dryRun"))) {
                List<MigrationState> states = runner.status();
                List<String> plan = states.stream().filter(MigrationState::runnable).map(MigrationState::version)
                        .toList();
                System.out.println(plan.isEmpty() ? "nothing to apply" : "would apply: " + String.join(", ", plan));
                states.stream().filter(s -> s.status() == MigrationState.Status.CHANGED).forEach(s ->
                        System.out.println("changed since applied (migrate will refuse): " + s.version()));
                return 0;
            }
            long start = System.nanoTime();
            List<String> applied = runner.migrate(Boolean.TRUE.equals(ns.getBoolean("acceptChanged")));
            System.out.printf("applied %d migration(s) in %d ms%n", applied.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return 0;
        }
    }

    static final class Status implements Sub {
        @Override
        public String description() {
            return "Show every migration as applied, pending, failed, changed or adopted";
        }

        @Override
        public void configure(Subparser parser) {
        }

        @Override
        public int run(RegistryDatabase db, RegistryConfiguration config, Namespace ns) {
            List<MigrationState> states = runner(db, config).status();
            System.out.print(MigrationRunner.format(states));
            boolean bad = states.stream().anyMatch(s -> s.runnable() || s.status() == MigrationState.Status.CHANGED);
            return bad ? 2 : 0;
        }
    }

    static final class Reset implements Sub {
        @Override
        public String description() {
            return "Drop everything, migrate from scratch and load fixtures (dev/test databases only)";
        }

        @Override
        public void configure(Subparser parser) {
            parser.addArgument("--fixtures").dest("fixtures").metavar("DIR")
                    .help("folder of CSV fixtures to load after migrating (e.g. fixtures)");
        }

        @Override
        public int run(RegistryDatabase db, RegistryConfiguration config, Namespace ns) {
            DisposableDatabase.require(db.jdbcUrl(), db.isEmbedded());
            String dir = ns.getString("fixtures");
            MigrationRunner runner = runner(db, config);
            new DatabaseReset(db.simpleDataSource(), runner.migrations(), System.out::println)
                    .reset(dir == null ? null : Path.of(dir));
            System.out.println("database reset" + (dir == null ? "" : " and loaded from " + dir));
            return 0;
        }
    }

    static final class LoadFixtures implements Sub {
        @Override
        public String description() {
            return "Load a folder of CSV fixtures into a migrated dev/test database";
        }

        @Override
        public void configure(Subparser parser) {
            parser.addArgument("dir").metavar("DIR").help("folder with one CSV per table");
        }

        @Override
        public int run(RegistryDatabase db, RegistryConfiguration config, Namespace ns) {
            DisposableDatabase.require(db.jdbcUrl(), db.isEmbedded());
            MigrationRunner runner = runner(db, config);
            new DatabaseReset(db.simpleDataSource(), runner.migrations(), System.out::println)
                    .loadFixtures(Path.of(ns.getString("dir")));
            return 0;
        }
    }

    static final class Seed implements Sub {
        @Override
        public String description() {
            return "Generate realistic synthetic data at scale S, M (100k objects, 1M files, 3M events) or L"
                    + " (dev/test databases only)";
        }

        @Override
        public void configure(Subparser parser) {
            parser.addArgument("--scale").dest("scale").required(true).choices("S", "M", "L", "s", "m", "l")
                    .help("S = M/100, M = 100k objects and 1M files, L = 10 x M");
            parser.addArgument("--institutions").dest("institutions").type(Integer.class).setDefault(12)
                    .help("how many member institutions to create (default 12)");
            parser.addArgument("--add").dest("add").action(Arguments.storeTrue())
                    .help("add to a database that already holds data (refused otherwise)");
        }

        @Override
        public int run(RegistryDatabase db, RegistryConfiguration config, Namespace ns) {
            DisposableDatabase.require(db.jdbcUrl(), db.isEmbedded());
            List<MigrationState> pending = runner(db, config).status().stream().filter(MigrationState::runnable)
                    .toList();
            if (!pending.isEmpty()) {
                System.err.println("ERROR: migrate first; pending: "
                        + pending.stream().map(MigrationState::version).toList());
                return 2;
            }
            try {
                new ScaleDataGenerator(db.simpleDataSource(), Scale.parse(ns.getString("scale")),
                        ns.getInt("institutions"), Boolean.TRUE.equals(ns.getBoolean("add")), System.out::println)
                        .generate();
            } catch (ScaleDataGenerator.NotEmptyException e) {
                System.err.println("ERROR: " + e.getMessage());
                return 3;
            }
            return 0;
        }
    }
}
