package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** No class of trin.client's src/main past 300 lines: past that, a class is asking to be split. */
class ClassSizeTest {

    private static final int MAX_LINES = 300;

    @Test
    void noProductionSourceIsLongerThan300Lines() throws IOException {
        Path main = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(main)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("the sources of %s", main).hasSizeGreaterThan(50);

        Map<String, Integer> tooLong = new TreeMap<>();
        for (Path source : sources) {
            int lines = lines(source);
            if (lines > MAX_LINES) {
                tooLong.put(main.relativize(source).toString(), lines);
            }
        }

        assertThat(tooLong).as("classes past %d lines: split them", MAX_LINES).isEmpty();
    }

    private static int lines(Path source) {
        try {
            return Files.readAllLines(source).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
