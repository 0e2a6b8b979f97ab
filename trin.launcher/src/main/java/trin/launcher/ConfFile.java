package trin.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .properties}-format file of {@code conf/} ({@code <pid>.cfg},
 * {@code system.properties}), read the way Felix FileInstall reads it:
 * {@code ${name}} is replaced by the system property {@code name}, and
 * {@code ${env:NAME}} by the environment variable.
 */
final class ConfFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Path file;
    private final Map<String, String> values;

    private ConfFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The file's values, interpolated; an empty file when it does not exist. */
    static ConfFile read(Path file) throws IOException {
        return read(file, ConfFile::lookup);
    }

    static ConfFile read(Path file, UnaryOperator<String> lookup) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return new ConfFile(file, Map.of());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, interpolate(properties.getProperty(name), lookup).strip());
        }
        return new ConfFile(file, values);
    }

    Path file() {
        return file;
    }

    Map<String, String> values() {
        return values;
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    String get(String name, String otherwise) {
        return get(name).orElse(otherwise);
    }

    int getInt(String name, int otherwise) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new LauncherException(file + ": " + name + " = '" + value.get() + "' is not a number");
        }
    }

    boolean getBoolean(String name) {
        return get(name).map(Boolean::parseBoolean).orElse(false);
    }

    static String interpolate(String text, UnaryOperator<String> lookup) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = lookup.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lookup(String name) {
        if (name.startsWith("env:")) {
            return System.getenv(name.substring(4));
        }
        return System.getProperty(name);
    }
}
