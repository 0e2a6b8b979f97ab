package trin.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A child process's output file, read while the process appends to it. */
final class ProcessLog {

    private final Path file;

    ProcessLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The current length in bytes: an offset for {@link #since}. */
    long size() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** What was written from {@code offset} on, or a note saying why it cannot be read. */
    String since(long offset) {
        try {
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The last {@code count} lines written from {@code offset} on. */
    String tail(long offset, int count) {
        List<String> lines = since(offset).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
