package trin.metrics.internal;

import java.util.Map;
import java.util.Set;

/**
 * Prometheus's text exposition format 0.0.4: each family's {@code # HELP} and
 * {@code # TYPE} once, then its samples; label values escaped ({@code \\},
 * {@code "}, new line), help text escaped ({@code \\}, new line), values as
 * Go's {@code ParseFloat} reads them ({@code +Inf}, {@code -Inf}, {@code NaN}).
 * Not thread-safe: one per scrape.
 */
final class Exposition {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    enum Type { COUNTER, GAUGE }

    private final StringBuilder text = new StringBuilder(4096);
    private final Set<String> families = new java.util.HashSet<>();
    private String current;

    /** Starts a family; its samples follow. */
    Exposition family(String name, Type type, String help) {
        checkName(name);
        if (!families.add(name)) {
            throw new IllegalStateException("metric family " + name + " twice");
        }
        current = name;
        text.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type.name().toLowerCase(java.util.Locale.ROOT))
                .append('\n');
        return this;
    }

    /** A sample of the current family, without labels. */
    Exposition sample(double value) {
        return sample(Map.of(), value);
    }

    /** A sample of the current family; labels in the map's order. */
    Exposition sample(Map<String, String> labels, double value) {
        if (current == null) {
            throw new IllegalStateException("a sample before its family");
        }
        text.append(current);
        if (!labels.isEmpty()) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                checkLabel(label.getKey());
                if (!first) {
                    text.append(',');
                }
                first = false;
                text.append(label.getKey()).append("=\"").append(escapeLabel(label.getValue())).append('"');
            }
            text.append('}');
        }
        text.append(' ').append(format(value)).append('\n');
        return this;
    }

    /** A family of one sample. */
    Exposition single(String name, Type type, String help, double value) {
        return family(name, type, help).sample(value);
    }

    String text() {
        return text.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).toPlainString();
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static void checkName(String name) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
    }

    private static void checkLabel(String name) {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
            throw new IllegalArgumentException("not a label name: " + name);
        }
    }
}
