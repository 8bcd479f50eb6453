package org.aptrust.registry.web.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's config/ folder from a module's test run. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static String path(String name) {
        return projectFile("config/" + name).toString();
    }

    /** A file of the project, by its path from the top folder. */
    public static Path projectFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("migrations"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
