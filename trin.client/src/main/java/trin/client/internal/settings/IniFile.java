package trin.client.internal.settings;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Python client's ini file, read the way its configparser reads it: a
 * {@code [DEFAULT]} section of {@code key = value} (or {@code key: value})
 * lines, keys in any case, full-line {@code #} and {@code ;} comments,
 * indented lines continuing the value above. Whatever we do not own (other
 * keys, other sections) is kept, to be written back as it was.
 */
final class IniFile {

    static final String DEFAULT_SECTION = "DEFAULT";

    /** A line that could not be used, by its number from 1 (0: the whole file). */
    record Problem(int line, String message) {
    }

    private static final class Option {
        final String key;
        final int line;
        final StringBuilder value;

        Option(String key, int line, String value) {
            this.key = key;
            this.line = line;
            this.value = new StringBuilder(value);
        }
    }

    final Map<Setting, String> ours = new EnumMap<>(Setting.class);
    /** Other keys of {@code [DEFAULT]}, lower case, with their values. */
    final Map<String, String> unknown = new LinkedHashMap<>();
    /** Other sections, as raw lines from their header on. */
    final List<String> otherSections = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    private IniFile() {
    }

    static IniFile parse(String text) {
        IniFile ini = new IniFile();
        Map<String, Option> options = new LinkedHashMap<>();
        String section = null;
        Option current = null;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            int number = i + 1;
            if (line.startsWith("[") && line.endsWith("]") && line.length() > 2) {
                section = line.substring(1, line.length() - 1);
                current = null;
                if (!DEFAULT_SECTION.equals(section)) {
                    ini.otherSections.add(raw);
                }
            } else if (section != null && !DEFAULT_SECTION.equals(section)) {
                ini.otherSections.add(raw);
            } else if (line.isEmpty()) {
                current = null;
            } else if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            } else if (current != null && Character.isWhitespace(raw.charAt(0))) {
                current.value.append('\n').append(line);
            } else if (section == null) {
                ini.problems.add(new Problem(number, "outside any section (the file must start with [DEFAULT]); ignored"));
            } else {
                current = option(ini, line, number);
                if (current != null && options.put(current.key, current) != null) {
                    ini.problems.add(new Problem(number, "'" + current.key + "' given again; the last one counts"));
                }
            }
        }
        for (Option option : options.values()) {
            ini.accept(option);
        }
        while (!ini.otherSections.isEmpty() && ini.otherSections.get(ini.otherSections.size() - 1).isBlank()) {
            ini.otherSections.remove(ini.otherSections.size() - 1);
        }
        return ini;
    }

    private static Option option(IniFile ini, String line, int number) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        int at = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
        if (at < 0) {
            ini.problems.add(new Problem(number, "no '=' or ':' in '" + line + "'; ignored"));
            return null;
        }
        String key = line.substring(0, at).strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            ini.problems.add(new Problem(number, "no key before '" + line.charAt(at) + "'; ignored"));
            return null;
        }
        return new Option(key, number, line.substring(at + 1).strip());
    }

    private void accept(Option option) {
        String value = option.value.toString();
        Setting setting = Setting.byIniKey(option.key).orElse(null);
        if (setting == null) {
            unknown.put(option.key, value);
            problems.add(new Problem(option.line, "unknown key '" + option.key + "': not used, but kept in the file"));
            return;
        }
        try {
            ours.put(setting, setting.normalize(value));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(option.line, e.getMessage() + "; ignored"));
        }
    }

    /** Whether writing {@code overrides} back would leave nothing in the file. */
    boolean emptyWith(Map<Setting, String> overrides) {
        return overrides.isEmpty() && unknown.isEmpty() && otherSections.isEmpty();
    }

    /** The file with our keys replaced by {@code overrides}, as configparser writes it. */
    String render(Map<Setting, String> overrides) {
        StringBuilder out = new StringBuilder();
        out.append('[').append(DEFAULT_SECTION).append("]\n");
        for (Setting setting : Setting.values()) {
            if (overrides.containsKey(setting)) {
                appendOption(out, setting.iniKey(), overrides.get(setting));
            }
        }
        unknown.forEach((key, value) -> appendOption(out, key, value));
        out.append('\n');
        if (!otherSections.isEmpty()) {
            otherSections.forEach(line -> out.append(line).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendOption(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(value.replace("\n", "\n\t")).append('\n');
    }
}
