package trin.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Copies of a built trin runtime ({@code distribution/target/trin}) for a test or a measurement to start
 * and change: everything but {@code data/}, so that a copy starts as a fresh install (no framework cache,
 * no class data sharing archive, no key), with the files' modes kept ({@code bin/trin} stays executable).
 */
public final class RuntimeCopies {

    private RuntimeCopies() {
    }

    /** Copies {@code built} to {@code home}, less its {@code data/}; returns {@code home}. */
    public static Path fresh(Path built, Path home) throws IOException {
        try (Stream<Path> files = Files.walk(built)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = built.relativize(source);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path target = home.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }
}
