package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Every fuzz corpus (a {@code <Test>Inputs} directory of the test resources, with one directory of seeds
 * and crashes per fuzz method) has its fuzz test beside it: same package, and a {@code @FuzzTest} method
 * of each directory's name. A corpus left behind when its test moves would no longer be replayed.
 */
class FuzzCorpusTest {

    private static final String SUFFIX = "FuzzTestInputs";

    @Test
    void everyCorpusIsReplayedByTheFuzzTestBesideIt() throws IOException {
        Path resources = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources");
        List<Path> corpora;
        try (Stream<Path> dirs = Files.walk(resources)) {
            corpora = dirs.filter(Files::isDirectory).filter(d -> d.getFileName().toString().endsWith(SUFFIX))
                    .toList();
        }
        assertThat(corpora).as("fuzz corpora under %s", resources).isNotEmpty();

        List<String> orphans = new ArrayList<>();
        for (Path corpus : corpora) {
            Path relative = resources.relativize(corpus);
            String dirName = relative.getFileName().toString();
            String className = relative.getParent().toString().replace(relative.getFileSystem().getSeparator(), ".")
                    + "." + dirName.substring(0, dirName.length() - "Inputs".length());
            Set<String> fuzzMethods = fuzzMethods(className);
            if (fuzzMethods.isEmpty()) {
                orphans.add(relative + ": no fuzz test " + className);
                continue;
            }
            try (Stream<Path> methods = Files.list(corpus)) {
                methods.filter(Files::isDirectory).map(m -> m.getFileName().toString())
                        .filter(m -> !fuzzMethods.contains(m))
                        .forEach(m -> orphans.add(relative + "/" + m + ": no @FuzzTest " + m + " in " + className));
            }
        }

        assertThat(orphans).as("corpora no fuzz test replays").isEmpty();
    }

    private static Set<String> fuzzMethods(String className) {
        try {
            Method[] methods = Class.forName(className, false, FuzzCorpusTest.class.getClassLoader())
                    .getDeclaredMethods();
            return Arrays.stream(methods).filter(m -> m.isAnnotationPresent(FuzzTest.class)).map(Method::getName)
                    .collect(Collectors.toSet());
        } catch (ClassNotFoundException e) {
            return Set.of();
        }
    }
}
