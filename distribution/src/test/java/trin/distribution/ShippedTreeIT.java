package trin.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the build ships, in target/trin and in the archive: no test kit anywhere (no jar, no class,
 * nothing named test), the LOCAL development broker apart from the launcher's class path, and the
 * sample application among the LOCAL set-up's bundles only.
 */
class ShippedTreeIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("trin.archive", "target/trin.tar.gz"));
    private static final List<String> TEST_KIT_CLASSES = List.of("MqttProbe", "TestCertificates", "Mosquitto",
            "MosquittoConfig", "ProcessLog");

    @TempDir
    Path temp;

    @Test
    void givenTheBuiltDirectory_thenItShipsNoTestKit_andTheLocalPartsApart() throws IOException {
        check(Distribution.BUILT);
    }

    @Test
    void givenTheArchive_thenItShipsNoTestKit_andTheLocalPartsApart() throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", temp.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
        try (Stream<Path> top = Files.list(temp)) {
            List<Path> roots = top.toList();
            assertThat(roots).singleElement().satisfies(root -> assertThat(root.getFileName().toString())
                    .startsWith("trin-"));
            check(roots.get(0));
        }
    }

    private static void check(Path home) throws IOException {
        List<Path> files = files(home);
        assertThat(files).as("files of " + home).contains(Path.of("bin/trin"), Path.of("lib/trin.launcher-"
                + version(home) + ".jar"));

        assertThat(files).as("nothing named test").noneMatch(f -> f.toString().toLowerCase(Locale.ROOT)
                .contains("test"));
        for (Path jar : jars(files)) {
            List<String> entries = entries(home.resolve(jar));
            assertThat(entries).as(jar + ": classes of the test kit").noneMatch(e -> e.startsWith("trin/testkit/"))
                    .noneMatch(e -> TEST_KIT_CLASSES.stream().anyMatch(c -> e.endsWith("/" + c + ".class")));
        }

        List<Path> classPath = jars(files).stream().filter(jar -> jar.getNameCount() == 2
                && jar.startsWith("lib")).toList();
        assertThat(classPath).as("the launcher's class path, lib/").isNotEmpty();
        for (Path jar : classPath) {
            assertThat(entries(home.resolve(jar))).as(jar + " on every gateway's class path")
                    .noneMatch(e -> e.startsWith("trin/devbroker/") || e.startsWith("io/moquette/")
                            || e.startsWith("io/netty/"));
        }
        List<String> devBroker = jars(files).stream().filter(jar -> jar.startsWith("lib/devbroker"))
                .flatMap(jar -> entries(home.resolve(jar)).stream()).toList();
        assertThat(devBroker).as("lib/devbroker/").contains("trin/devbroker/LocalDevelopmentBroker.class")
                .anyMatch(e -> e.startsWith("io/moquette/")).anyMatch(e -> e.startsWith("io/netty/"))
                .noneMatch(e -> e.startsWith("org/slf4j/"));

        assertThat(jars(files)).as("the sample, in bundle/local/ only")
                .anyMatch(jar -> jar.startsWith("bundle/local") && jar.getFileName().toString()
                        .startsWith("trin.examples-"))
                .noneMatch(jar -> !jar.startsWith("bundle/local") && jar.getFileName().toString()
                        .startsWith("trin.examples"));
    }

    private static String version(Path home) throws IOException {
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            return lib.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("trin.launcher-"))
                    .map(n -> n.substring("trin.launcher-".length(), n.length() - ".jar".length())).findFirst()
                    .orElse("?");
        }
    }

    /** Every file, relative to {@code home}, but what a run left in data/. */
    private static List<Path> files(Path home) throws IOException {
        try (Stream<Path> all = Files.walk(home)) {
            return all.filter(Files::isRegularFile).map(home::relativize).filter(p -> !p.startsWith("data")).sorted()
                    .toList();
        }
    }

    private static List<Path> jars(List<Path> files) {
        return files.stream().filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
    }

    private static List<String> entries(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = new ArrayList<>();
            file.stream().forEach(e -> names.add(e.getName()));
            return Collections.unmodifiableList(names);
        } catch (IOException e) {
            throw new IllegalStateException(jar + ": " + e, e);
        }
    }
}
