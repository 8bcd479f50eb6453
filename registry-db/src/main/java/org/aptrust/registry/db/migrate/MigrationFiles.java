package org.aptrust.registry.db.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the migration files: the project's `migrations/` folder, or the copy packaged in the jar. */
public final class MigrationFiles {

    /** Where the build packages `migrations/*.sql` inside the jar. */
    public static final String CLASSPATH_DIR = "registry/migrations";

    private MigrationFiles() {
    }

    public static List<Migration> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MigrationException("migrations folder not found: " + dir.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Migration> result = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList()) {
                result.add(Migration.of(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            return List.copyOf(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The migrations packaged on the classpath (in the jar, or target/classes during the build). */
    public static List<Migration> fromClasspath() {
        return fromDirectory(classpathDirectory(CLASSPATH_DIR));
    }

    /** Resolves a resource folder to a Path, opening the jar as a file system when needed. */
    public static Path classpathDirectory(String resourceDir) {
        URL url = MigrationFiles.class.getClassLoader().getResource(resourceDir);
        if (url == null) {
            throw new MigrationException("no " + resourceDir + " on the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath(resourceDir);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new MigrationException("cannot read " + resourceDir + " from " + url, e);
        }
    }
}
