package trin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    static final String TRIN = "trin (bin/trin)";
    static final String ECHO_FLAGS = "bare echo, trin's flags";
    static final String ECHO_DEFAULTS = "bare echo, JVM defaults";

    /** One phase of round trips: {@code run} counts the repetitions ({@code --repeat}) from 1. */
    record Row(String device, int window, int run, Platform.RoundTrips trips, double cpuPerCommand) {
        long p50() {
            return trips.histogram().getValueAtPercentile(50);
        }

        long p99() {
            return trips.histogram().getValueAtPercentile(99);
        }
    }

    /** What one JDK measured. */
    static final class OnJdk {
        final Jdk jdk;
        List<String> flags = List.of();
        List<String> leftOut = List.of();
        final List<Long> launches = new ArrayList<>();
        /** Per launch, from the spawn of bin/trin to its exec of java, ms (-1: not seen). */
        final List<Long> scripts = new ArrayList<>();
        long rssKib = -1;
        long threads = -1;
        int idleSeconds;
        boolean console = true;
        String consoleState = "";
        final List<Row> rows = new ArrayList<>();
        Map<String, String> events = Map.of();

        OnJdk(Jdk jdk) {
            this.jdk = jdk;
        }

        /** The device's runs at {@code window} in flight, in order. */
        List<Row> rows(String device, int window) {
            return rows.stream().filter(r -> r.device().equals(device) && r.window() == window).toList();
        }

        /** Launches from the third on (the first writes the CDS archive, the second checks it). */
        List<Long> warmLaunches() {
            return launches.size() < 3 ? List.of() : launches.subList(2, launches.size());
        }
    }

    private final StringBuilder machine = new StringBuilder();
    private final List<OnJdk> jdks = new ArrayList<>();
    private String fleetJdk = "";
    private Map<String, String> fleet = Map.of();

    void machine(boolean smoke, List<Jdk> on) {
        machine.append("- when: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(smoke ? " (smoke mode: small counts, figures meaningless)" : "").append('\n')
                .append("- cores: ").append(Runtime.getRuntime().availableProcessors())
                .append("; load average at start (1, 5, 15 min, running/total, last pid): ")
                .append(Proc.loadAverage()).append('\n')
                .append("- the driver's Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; OS: ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append(' ').append(System.getProperty("os.arch"))
                .append("\n- JDKs: ").append(on).append('\n');
    }

    OnJdk jdk(Jdk jdk) {
        OnJdk on = new OnJdk(jdk);
        jdks.add(on);
        return on;
    }

    void fleet(Jdk jdk, Map<String, String> fleet) {
        this.fleetJdk = jdk.label();
        this.fleet = fleet;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Load driver: the last run\n\nWritten by `trin.bench/bench.sh load`"
                + " (trin.bench.LoadBench). Round trips: a Paho \"platform\" (TCP_NODELAY) sends"
                + " `{\"c\":[0,TOKEN,[\"sum_these\",1,2,3]]}` at QoS 1 to `my_app_id` through Mosquitto"
                + " (`set_tcp_nodelay true`) and times the `{\"x\":[0,0,6]}` reply; latencies in microseconds"
                + " (HdrHistogram). Device CPU: utime + stime of the answering process from /proc/PID/stat over the"
                + " phase (10 ms ticks), divided by the commands. Each JDK runs `bin/trin` of a fresh copy"
                + " (JAVA_HOME = that JDK, a class data sharing archive of its own), the echoes and the events JVM"
                + " on that JDK's `java`.\n\n## Machine\n\n").append(machine);
        for (OnJdk on : jdks) {
            md.append("- JDK ").append(on.jdk.label()).append(": trin's JVM flags (the running trin's command line,"
                    + " less -D properties and class data sharing / AOT cache options): `")
                    .append(String.join(" ", on.flags)).append("`; left out: `").append(String.join(" ", on.leftOut))
                    .append("`\n");
        }
        md.append(Targets.markdown(jdks));
        md.append("\n## Round trips\n\n| JDK | device | in flight | run | commands | cmds/s | p50 µs | p99 µs | max µs"
                + " | device CPU µs/cmd | complete |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (OnJdk on : jdks) {
            for (Row r : on.rows) {
                Histogram h = r.trips().histogram();
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.0f | %d | %d | %d | %.0f | %s |%n",
                        on.jdk.label(), r.device(), r.window(), r.run(), r.trips().done(), r.trips().perSecond(),
                        r.p50(), r.p99(), h.getMaxValue(), r.cpuPerCommand(), r.trips().complete() ? "yes" : "NO"));
            }
        }
        md.append("\n## Start and memory (bin/trin, shipped JVM flags)\n\n");
        for (OnJdk on : jdks) {
            md.append("- JDK ").append(on.jdk.label()).append(": launch to connect event, ms, each launch (the first"
                    + " unpacks the framework cache and writes the class data sharing archive as it stops, the second"
                    + " checks the archive, the third on use it): ").append(on.launches).append("; from the third: ")
                    .append(Targets.startFigure(on)).append("; of each, bin/trin's script (from the spawn until it"
                            + " execs java, polled every ms): ").append(on.scripts).append(" ms")
                    .append(String.format(Locale.ROOT,
                            "\n- JDK %s: %.1f MiB RSS, %d threads after %d s idle, web console %s%n", on.jdk.label(),
                            on.rssKib / 1024.0, on.threads, on.idleSeconds, on.console ? "on (as shipped), "
                                    + on.consoleState : "off"));
        }
        md.append("\n## Events end to end (trin's session outside OSGi, then a bare Paho publisher sending the same"
                + " bytes; counted at a Paho subscriber, at most 2,000 on their way)\n\n").append(eventsTable())
                .append("\n## Fleet (N sessions in one JVM, one broker").append(fleetJdk.isEmpty() ? "" : ", JDK "
                        + fleetJdk).append(")\n\n").append(table(fleet)).append("\n- load average at the end: ")
                .append(Proc.loadAverage()).append('\n');
        Files.writeString(dir.resolve("RESULTS.md"), md);
        plot(dir.resolve("latency.png"));
    }

    private String eventsTable() {
        Set<String> names = new LinkedHashSet<>();
        jdks.forEach(on -> names.addAll(on.events.keySet()));
        if (names.isEmpty()) {
            return "(not measured: skipped, or an earlier part failed)\n";
        }
        StringBuilder t = new StringBuilder("| figure |");
        jdks.forEach(on -> t.append(" JDK ").append(on.jdk.label()).append(" |"));
        t.append("\n|---|").append("---|".repeat(jdks.size())).append('\n');
        for (String name : names) {
            t.append("| ").append(name).append(" |");
            jdks.forEach(on -> t.append(' ').append(on.events.getOrDefault(name, "")).append(" |"));
            t.append('\n');
        }
        return t.toString();
    }

    private static String table(Map<String, String> values) {
        StringBuilder t = new StringBuilder("| figure | value |\n|---|---|\n");
        values.forEach((k, v) -> t.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return values.isEmpty() ? "(not measured: skipped, or an earlier part failed)\n" : t.toString();
    }

    /** Latency by percentile, on a log scale: one line per JDK, device and window (the first run of each). */
    private void plot(Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (OnJdk on : jdks) {
            for (Row r : on.rows) {
                Histogram h = r.trips().histogram();
                if (r.run() > 1 || h.getTotalCount() == 0) {
                    continue;
                }
                XYSeries s = new XYSeries("JDK " + on.jdk.label() + " " + r.device() + ", " + r.window()
                        + " in flight");
                for (double p : new double[] {1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99}) {
                    s.add(p, Math.max(1, h.getValueAtPercentile(p)));
                }
                data.addSeries(s);
            }
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
