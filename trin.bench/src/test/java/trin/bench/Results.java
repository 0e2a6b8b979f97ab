package trin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The record of a run: a Markdown table and a latency plot, written to one directory. */
final class Results {

    private record Row(String name, int window, Platform.RoundTrips trips, double cpuPerCommand) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final StringBuilder machine = new StringBuilder();
    private List<String> flags = List.of();
    private List<Long> launches = List.of();
    private String idle = "";
    private double idleMiB = Double.NaN;
    private Map<String, String> events = Map.of();
    private Map<String, String> fleet = Map.of();

    void machine(boolean smoke) {
        machine.append("- when: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(smoke ? " (smoke mode: small counts, figures meaningless)" : "").append('\n')
                .append("- cores: ").append(Runtime.getRuntime().availableProcessors())
                .append("; load average at start (1, 5, 15 min, running/total, last pid): ")
                .append(Proc.loadAverage()).append('\n')
                .append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; OS: ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append(' ').append(System.getProperty("os.arch"))
                .append('\n');
    }

    void flags(List<String> flags) {
        this.flags = flags;
    }

    void launches(List<Long> millis) {
        this.launches = millis;
    }

    void idle(int seconds, long rssKib, long threads, boolean console) {
        idleMiB = rssKib / 1024.0;
        idle = String.format(Locale.ROOT, "%.1f MiB RSS, %d threads after %d s idle, web console %s",
                rssKib / 1024.0, threads, seconds, console ? "on (as shipped)" : "off");
    }

    void roundTrips(String name, int window, Platform.RoundTrips trips, double cpuPerCommand) {
        rows.add(new Row(name, window, trips, cpuPerCommand));
    }

    void events(Map<String, String> events) {
        this.events = events;
    }

    void fleet(Map<String, String> fleet) {
        this.fleet = fleet;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Load driver: the last run\n\nWritten by `trin.bench/bench.sh load`"
                + " (trin.bench.LoadBench). Round trips: a Paho \"platform\" (TCP_NODELAY) sends"
                + " `{\"c\":[0,TOKEN,[\"sum_these\",1,2,3]]}` at QoS 1 to `my_app_id` through Mosquitto"
                + " (`set_tcp_nodelay true`) and times the `{\"x\":[0,0,6]}` reply; latencies in microseconds"
                + " (HdrHistogram). Device CPU: utime + stime of the answering process from /proc/PID/stat over the"
                + " phase (10 ms ticks), divided by the commands.\n\n## Machine\n\n").append(machine)
                .append("- trin's JVM flags (bin/trin defaults): `").append(String.join(" ", flags)).append("`\n\n");
        md.append("## Round trips\n\n| device | in flight | commands | cmds/s | p50 µs | p99 µs | max µs | "
                + "device CPU µs/cmd | complete |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Histogram h = r.trips().histogram();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %d | %d | %d | %.0f | %s |%n", r.name(),
                    r.window(), r.trips().done(), r.trips().perSecond(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99), h.getMaxValue(), r.cpuPerCommand(), r.trips().complete() ? "yes"
                            : "NO"));
        }
        md.append(targets());
        md.append("\n## Start and memory (bin/trin, shipped JAVA_OPTS)\n\n- launch to connect event, ms, each launch"
                + " (the first one unpacks the framework cache): ").append(launches).append("\n- ").append(idle)
                .append("\n\n## Events end to end (trin's session outside OSGi, then a bare Paho publisher sending the same"
                + " bytes; counted at a Paho subscriber, at most 2,000 on their way)\n\n")
                .append(table(events)).append("\n## Fleet (N sessions in one JVM, one broker)\n\n")
                .append(table(fleet));
        Files.writeString(dir.resolve("RESULTS.md"), md);
        plot(dir.resolve("latency.png"));
    }

    private Row row(String prefix, int window) {
        return rows.stream().filter(r -> r.name().startsWith(prefix) && r.window() == window).findFirst().orElse(null);
    }

    /** Issue 13's targets against this run: trin over the bare echo on trin's own flags. */
    private String targets() {
        StringBuilder t = new StringBuilder("\n## Targets (trin against the bare echo on trin's flags, this run)\n\n"
                + "| target | wanted | measured | bare echo | met |\n|---|---|---|---|---|\n");
        for (int window : new int[] {1, 8}) {
            Row trin = row("trin", window);
            Row echo = row("bare echo, trin's flags", window);
            if (trin == null || echo == null) {
                continue;
            }
            Histogram th = trin.trips().histogram();
            Histogram eh = echo.trips().histogram();
            double p50 = th.getValueAtPercentile(50) / (double) eh.getValueAtPercentile(50);
            t.append(String.format(Locale.ROOT, "| p50 at %d in flight | ≤ 1.05 × echo | %d µs (%.2f ×) | %d µs | %s |%n",
                    window, th.getValueAtPercentile(50), p50, eh.getValueAtPercentile(50), p50 <= 1.05 ? "yes" : "no"));
            t.append(String.format(Locale.ROOT, "| p99 at %d in flight | ≤ echo | %d µs | %d µs | %s |%n", window,
                    th.getValueAtPercentile(99), eh.getValueAtPercentile(99),
                    th.getValueAtPercentile(99) <= eh.getValueAtPercentile(99) ? "yes" : "no"));
            double rate = trin.trips().perSecond() / echo.trips().perSecond();
            t.append(String.format(Locale.ROOT, "| commands/s at %d in flight | ≥ 0.95 × echo | %.0f (%.2f ×) | %.0f | %s |%n",
                    window, trin.trips().perSecond(), rate, echo.trips().perSecond(), rate >= 0.95 ? "yes" : "no"));
            t.append(String.format(Locale.ROOT, "| device CPU per command at %d in flight | (none; compare) | %.0f µs | %.0f µs | |%n",
                    window, trin.cpuPerCommand(), echo.cpuPerCommand()));
        }
        if (events.containsKey("events_qos0_per_s")) {
            long q0 = Long.parseLong(events.get("events_qos0_per_s"));
            long q1 = Long.parseLong(events.getOrDefault("events_qos1_per_s", "0"));
            t.append("| events/s at QoS 0 | ≥ 100,000 | ").append(q0).append(" | ")
                    .append(events.getOrDefault("bare_events_qos0_per_s", "")).append(" (bare Paho publisher) | ")
                    .append(q0 >= 100_000 ? "yes" : "no").append(" |\n| events/s at QoS 1 | ≥ 50,000 | ").append(q1)
                    .append(" | ").append(events.getOrDefault("bare_events_qos1_per_s", ""))
                    .append(" (bare Paho publisher) | ").append(q1 >= 50_000 ? "yes" : "no").append(" |\n");
        }
        if (!launches.isEmpty()) {
            long best = launches.stream().mapToLong(Long::longValue).min().orElse(0);
            t.append("| launch to connect event | ≤ 1,000 ms | ").append(launches).append(" ms (best ").append(best)
                    .append(") | | ").append(best <= 1000 ? "yes" : "no").append(" |\n");
        }
        t.append("| RSS after idle | ≤ 64 MiB | ").append(idle).append(" | | ")
                .append(idleMiB <= 64 ? "yes" : "no").append(" |\n");
        if (fleet.containsKey("connected")) {
            t.append("| fleet: sessions in one JVM | 1,000 | ").append(fleet.get("connected")).append(" of ")
                    .append(fleet.get("sessions")).append(" connected, ").append(fleet.get("answered")).append(" of ")
                    .append(fleet.get("commands")).append(" commands answered | | ")
                    .append(fleet.get("connected").equals(fleet.get("sessions")) && "1000".equals(fleet.get("sessions"))
                            ? "yes" : "no").append(" |\n");
        }
        t.append("| health report CPU, basic / full | ≤ 300 µs / ≤ 5 ms | see `JMH.md` (HealthReportBenchmark) | | |\n");
        t.append("\n- load average at the end: ").append(Proc.loadAverage()).append('\n');
        return t.toString();
    }

    private static String table(Map<String, String> values) {
        StringBuilder t = new StringBuilder("| figure | value |\n|---|---|\n");
        new LinkedHashMap<>(values).forEach((k, v) -> t.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return values.isEmpty() ? "(not measured: an earlier part failed)\n" : t.toString();
    }

    /** Latency by percentile, one line per device and window, on a log scale. */
    private void plot(Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Row r : rows) {
            XYSeries s = new XYSeries(r.name() + ", " + r.window() + " in flight");
            Histogram h = r.trips().histogram();
            if (h.getTotalCount() == 0) {
                continue;
            }
            for (double p : new double[] {1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99}) {
                s.add(p, Math.max(1, h.getValueAtPercentile(p)));
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Round trip of sum_these through Mosquitto",
                "percentile", "µs (log)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(new LogAxis("µs (log)"));
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setRange(0, 100);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }
}
