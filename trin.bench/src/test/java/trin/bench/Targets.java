package trin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Issue 22's targets against one run, a table per JDK: trin's round trips against the bare echo on JVM defaults
 * and on trin's flags for that JDK (each run of {@code --repeat} against the echo's run beside it), trin's events
 * against the bare Paho publisher, the start and the idle memory against their figures for that JDK; beside them
 * the Python client's figures (measured outside the project, not by this driver) and whether trin is ahead of them.
 */
final class Targets {

    /** A round-trip figure: its name, how it is read from a run, its unit, its target (a ratio to the echo). */
    private record Metric(String name, ToDoubleFunction<Results.Row> value, String format, boolean lowerBetter,
            double limit, double[] python1, double[] python8) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("p50", r -> r.p50(), "%,.0f µs", true, 1.05, new double[] {225, 240}, new double[] {655, 728}),
            new Metric("p99", r -> r.p99(), "%,.0f µs", true, 1.00, new double[] {403, 598},
                    new double[] {1268, 1425}),
            new Metric("commands/s", r -> r.trips().perSecond(), "%,.0f", false, 0.95, new double[] {3326, 3650},
                    new double[] {9120, 10136}),
            new Metric("device CPU per command", Results.Row::cpuPerCommand, "%,.0f µs", true, 1.10,
                    new double[] {112, 120}, new double[] {60, 62}));

    private Targets() {
    }

    static String markdown(List<Results.OnJdk> jdks) {
        StringBuilder t = new StringBuilder("\n## Targets (issue 22), this run\n\n"
                + "Round trips: trin ÷ the bare echo, each run against the echo's run beside it (`--repeat`); *met* is"
                + " yes when every run meets the target, else how many do. Start: from the spawn of `bin/trin` to the"
                + " connect event's arrival at the platform through Mosquitto, the median of the launches from the"
                + " third on (range beside it). The **Python client (reference)** figures were measured outside the"
                + " project by issue 22's check run (not by this driver; its RSS after 10 s idle). *Moonshot: ahead"
                + " of Python* is yes when trin beats the Python client's best figure (in every run for the round"
                + " trips, by the median for the start).\n");
        for (Results.OnJdk on : jdks) {
            t.append("\n### JDK ").append(on.jdk.label()).append(" (").append(on.jdk.version()).append(")\n\n"
                    + "| target | wanted | trin | against | trin ÷ it | met | Python client (reference) |"
                    + " moonshot: ahead of Python |\n|---|---|---|---|---|---|---|---|\n");
            for (int window : new int[] {1, 8}) {
                for (Metric m : METRICS) {
                    for (String echo : List.of(Results.ECHO_DEFAULTS, Results.ECHO_FLAGS)) {
                        t.append(roundTrips(on, window, m, echo));
                    }
                }
            }
            t.append(events(on, 1, 0.95)).append(events(on, 0, 1.0)).append(start(on)).append(memory(on));
        }
        return t.toString();
    }

    private static String roundTrips(Results.OnJdk on, int window, Metric m, String echoName) {
        List<Results.Row> trin = on.rows(Results.TRIN, window);
        List<Results.Row> echo = on.rows(echoName, window);
        String against = echoName.equals(Results.ECHO_FLAGS) ? "echo, trin's flags" : "echo, JVM defaults";
        String wanted = (m.lowerBetter() ? "≤ " : "≥ ") + (m.limit() == 1.0 ? "" : String.format(Locale.ROOT,
                "%.2f × ", m.limit())) + "echo";
        double[] python = window == 1 ? m.python1() : m.python8();
        String row = "| " + m.name() + ", " + window + " in flight | " + wanted + " | ";
        if (trin.isEmpty()) {
            return row + "(not measured) | " + against + " | | | " + range(python, m.format()) + " | |\n";
        }
        double[] trinValues = trin.stream().mapToDouble(m.value()).toArray();
        boolean ahead = trin.stream().mapToDouble(m.value())
                .allMatch(v -> m.lowerBetter() ? v < python[0] : v > python[1]);
        int pairs = Math.min(trin.size(), echo.size());
        double[] ratios = new double[pairs];
        int met = 0;
        for (int i = 0; i < pairs; i++) {
            ratios[i] = m.value().applyAsDouble(trin.get(i)) / m.value().applyAsDouble(echo.get(i));
            met += (m.lowerBetter() ? ratios[i] <= m.limit() : ratios[i] >= m.limit()) ? 1 : 0;
        }
        return row + range(trinValues, m.format()) + " | " + against + ": "
                + (echo.isEmpty() ? "(not measured)" : range(echo.stream().mapToDouble(m.value()).toArray(),
                        m.format())) + " | " + (pairs == 0 ? "" : range(ratios, "%.2f ×")) + " | "
                + (pairs == 0 ? "" : met == pairs ? "yes" : met == 0 ? "no" : met + " of " + pairs + " runs") + " | "
                + range(python, m.format()) + " | " + (ahead ? "yes" : "no") + " |\n";
    }

    private static String events(Results.OnJdk on, int qos, double limit) {
        String trin = on.events.get("events_qos" + qos + "_per_s");
        String bare = on.events.get("bare_events_qos" + qos + "_per_s");
        String row = String.format(Locale.ROOT, "| events/s at QoS %d | ≥ %.2f × bare Paho publisher | ", qos, limit);
        if (trin == null || bare == null) {
            return row + "(not measured) | bare Paho publisher | | | — | — |\n";
        }
        double ratio = Double.parseDouble(trin) / Double.parseDouble(bare);
        return row + String.format(Locale.ROOT, "%,.0f | bare Paho publisher: %,.0f | %.2f × | %s | — | — |%n",
                Double.parseDouble(trin), Double.parseDouble(bare), ratio, ratio >= limit ? "yes" : "no");
    }

    /** The start figure: the median of the launches from the third on, and their range. */
    static String startFigure(Results.OnJdk on) {
        List<Long> warm = on.warmLaunches();
        if (warm.isEmpty()) {
            return "(fewer than 3 launches)";
        }
        return String.format(Locale.ROOT, "median %,d ms (%s ms, %d launch%s)", median(warm),
                range(warm.stream().mapToDouble(Long::doubleValue).toArray(), "%,.0f"), warm.size(),
                warm.size() == 1 ? "" : "es");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String start(Results.OnJdk on) {
        int limit = on.jdk.feature() == 17 ? 400 : on.jdk.feature() == 25 ? 250 : -1;
        List<Long> warm = on.warmLaunches();
        String met = limit < 0 || warm.isEmpty() ? "" : median(warm) <= limit ? "yes" : "no";
        return "| start: launch to connect event, from the third | " + (limit < 0 ? "(no target for JDK "
                + on.jdk.feature() + ")" : "≤ " + limit + " ms") + " | " + startFigure(on) + " | | | " + met
                + " | 111–128 ms | " + (warm.isEmpty() ? "" : median(warm) < 111 ? "yes" : "no") + " |\n";
    }

    private static String memory(Results.OnJdk on) {
        int limit = on.jdk.feature() == 17 ? 64 : on.jdk.feature() == 25 ? 48 : -1;
        double mib = on.rssKib / 1024.0;
        boolean measured = on.rssKib > 0;
        return String.format(Locale.ROOT, "| RSS after %d s idle, web console %s | %s | %s | | | %s | 30.2–30.4 MiB"
                + " (after 10 s idle) | %s |%n", on.idleSeconds, !on.console ? "off"
                : on.consoleState.startsWith("NOT") ? "on but NOT LISTENING" : "on (as shipped)",
                limit < 0 ? "(no target for JDK " + on.jdk.feature() + ")" : "≤ " + limit + " MiB",
                measured ? String.format(Locale.ROOT, "%.1f MiB, %d threads", mib, on.threads) : "(not measured)",
                !measured || limit < 0 ? "" : mib <= limit ? "yes" : "no", measured ? (mib < 30.2 ? "yes" : "no") : "");
    }

    /** {@code min–max} of the values, or the one value when they agree. */
    static String range(double[] values, String format) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (values.length == 0) {
            return "";
        }
        String lo = String.format(Locale.ROOT, format, min);
        String hi = String.format(Locale.ROOT, format, max);
        if (lo.equals(hi)) {
            return lo;
        }
        int unit = format.indexOf(' ');
        // "225–240 µs" rather than "225 µs–240 µs"
        return unit > 0 && lo.endsWith(format.substring(unit)) ? lo.substring(0, lo.length() - format.length() + unit)
                + "–" + hi : lo + "–" + hi;
    }
}
