package trin.client.internal;

import java.nio.file.Path;

/** File names from configuration. */
final class UserPaths {

    private UserPaths() {
    }

    /** The path, with a leading {@code ~} standing for the home directory of the user the runtime runs as. */
    static Path expand(String name) {
        String trimmed = name.trim();
        if (trimmed.equals("~") || trimmed.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + trimmed.substring(1));
        }
        return Path.of(trimmed);
    }
}
