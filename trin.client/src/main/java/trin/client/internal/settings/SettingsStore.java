package trin.client.internal.settings;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remotely changed settings, kept in the Python client's ini file with
 * its keys, so a device migrating from it keeps its settings. Only what was
 * changed remotely is written; keys and sections we do not know are kept.
 * Reading never fails: what cannot be used is reported and skipped.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    /** A line of the file that could not be used; line 0 stands for the whole file. */
    public record Problem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** What {@link #read} found: the valid overrides, by setting, in the Python client's text form. */
    public record Result(Map<Setting, String> overrides, List<Problem> problems) {
        public Result {
            Map<Setting, String> copy = new EnumMap<>(Setting.class);
            copy.putAll(overrides);
            overrides = Collections.unmodifiableMap(copy);
            problems = List.copyOf(problems);
        }
    }

    private final Path file;

    /** A store for {@code file}; nothing is read until asked. */
    public SettingsStore(Path file) {
        this.file = file;
    }

    /** Where the Python client keeps its settings: {@code ~/.config/trinmqtt/trinmqtt.ini}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".config", "trinmqtt", "trinmqtt.ini");
    }

    /** The file this store reads and writes. */
    public Path file() {
        return file;
    }

    /**
     * The overrides in the file, and what was wrong with it. A missing file has
     * none; each unusable line is logged once as a warning and skipped.
     */
    public synchronized Result read() {
        IniFile ini;
        try {
            ini = IniFile.parse(decode(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return new Result(Map.of(), List.of());
        } catch (IOException e) {
            Problem problem = new Problem(file, 0, "cannot be read: " + e);
            LOG.warn("Settings file {}; no remotely changed setting applies", problem);
            return new Result(Map.of(), List.of(problem));
        }
        List<Problem> problems = new ArrayList<>();
        for (IniFile.Problem p : ini.problems) {
            Problem problem = new Problem(file, p.line(), p.message());
            LOG.warn("Settings file {}", problem);
            problems.add(problem);
        }
        return new Result(ini.ours, problems);
    }

    /** The overrides in the file: {@link #read()} without the problems, which it has logged. */
    public Map<Setting, String> load() {
        return read().overrides();
    }

    /**
     * Replaces the overrides in the file by these, keeping whatever else it
     * holds. Written to a temporary file then moved over, so a power cut leaves
     * the old file or the new one, never half of one.
     *
     * @throws IllegalArgumentException if a value is invalid for its setting (nothing is written)
     * @throws IOException if the file cannot be read or written
     */
    public synchronized void save(Map<Setting, String> overrides) throws IOException {
        Map<Setting, String> normalized = new EnumMap<>(Setting.class);
        overrides.forEach((setting, text) -> normalized.put(setting, setting.normalize(text)));
        IniFile current;
        try {
            current = IniFile.parse(decode(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            current = IniFile.parse("");
        }
        if (current.emptyWith(normalized)) {
            Files.deleteIfExists(file);
            return;
        }
        write(current.render(normalized).getBytes(StandardCharsets.UTF_8));
    }

    /** Removes every override: the file keeps only what is not ours, and goes if nothing is left. */
    public void clear() throws IOException {
        save(Map.of());
    }

    private void write(byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, WRITE, TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its default permissions will do.
            }
            Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel directory = FileChannel.open(dir, READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot sync directory {}: {}", dir, e.toString());
        }
    }

    private static String decode(byte[] bytes) {
        // Malformed bytes become U+FFFD, so a damaged line is reported on its own, not the whole file.
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
