package trin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import trin.testkit.Mosquitto;

/**
 * The load driver: trin as users run it ({@code bin/trin} of a copy of {@code distribution/target/trin}, its
 * shipped JVM flags, the sample application dropped into {@code bundle/}) against a Mosquitto of its own
 * ({@code set_tcp_nodelay true}, no queue cap, a free port on 127.0.0.1), beside the floor (a bare Paho echo,
 * {@link BareEcho}, on trin's JVM flags and on JVM defaults) through the same broker, on one or more JDKs in one
 * run. On each JDK (a fresh copy, so a class data sharing archive of its own): launch to connect event (several
 * launches; the figure is from the third on), resident memory and threads after idling, round trips at 1 and 8 in
 * flight with the device's CPU per command (trin, then the echo on trin's flags for that JDK, read from the running
 * trin's command line, then the echo on JVM defaults; {@code --repeat N} times, interleaved), and events end to end
 * at QoS 0 and 1 (trin's session against a bare Paho publisher, on that JDK). On the first JDK only: a burst of
 * commands sent at once, and a fleet of sessions in one JVM. Writes {@code results/RESULTS.md} (with issue 22's
 * targets per JDK, {@link Targets}) and {@code results/latency.png}.
 *
 * <p>{@code LoadBench [--smoke] [--jdk 17=/usr/lib/jvm/java-17-openjdk-amd64,25=/usr/lib/jvm/temurin-25-jdk-amd64]
 * [--repeat N] [--dist DIR] [--out DIR] [--n N] [--warmup N] [--burst N] [--launches N] [--idle-seconds S]
 * [--fleet N] [--fleet-commands N] [--events N] [--events-client "maxInflight=200,..."]
 * [--trin-client "workers=1,..."] [--trin-opts "JAVA_OPTS for bin/trin"] [--skip echo,events,fleet,burst]
 * [--console false] [--jcmd "VM.native_memory summary"] [--keep-logs true]
 * [--child-opts "JVM flags of the events and fleet JVMs"]}. Without {@code --jdk}: both JDKs above where present
 * (else the running one); in smoke mode the running JDK only. Smoke mode is small and quick: it checks that every
 * part completes (its exit status), never how fast.
 */
public final class LoadBench {

    static final String CID = "12345678";
    static final String UID = "AAA0000DEADBEEF";
    static final String ECHO_UID = "AAA0000000ECHO0";

    private final Map<String, String> options = new LinkedHashMap<>();
    private final boolean smoke;
    private final Results results = new Results();
    private final Children children = new Children();
    private final CountDownLatch[] connected = new CountDownLatch[1];

    private LoadBench(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                options.put("smoke", "true");
            } else {
                options.put(args[i].replaceFirst("^--", ""), args[++i]);
            }
        }
        smoke = options.containsKey("smoke");
    }

    public static void main(String[] args) throws Exception {
        LoadBench bench = new LoadBench(args);
        Runtime.getRuntime().addShutdownHook(new Thread(bench.children::killAll, "bench-children-killer"));
        int status;
        try {
            status = bench.run();
        } finally {
            bench.children.killAll();
        }
        System.exit(status);
    }

    private int integer(String name, int full, int smokeValue) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(smoke ? smokeValue : full)));
    }

    private int run() throws Exception {
        Path dist = Path.of(options.getOrDefault("dist", "../distribution/target/trin")).toAbsolutePath().normalize();
        Path out = Path.of(options.getOrDefault("out", smoke ? "target/smoke-results" : "results")).toAbsolutePath();
        if (!Files.isExecutable(dist.resolve("bin/trin"))) {
            System.err.println("No runtime in " + dist + ": build the distribution first (bench.sh does)");
            return 2;
        }
        List<Jdk> jdks = Jdk.parse(options.get("jdk"), smoke);
        boolean ok = true;
        Path work = Files.createTempDirectory("trin-bench-");
        results.machine(smoke, jdks);
        // No cap on what Mosquitto queues for a slow subscriber: the events driver keeps up to 2000 on their
        // way, and past 1000 (its default) Mosquitto drops QoS 1 messages it has acknowledged: the broker's loss.
        try (Mosquitto mosquitto = Mosquitto.builder().option("max_queued_messages 0").start();
                Platform platform = Platform.connect("127.0.0.1", mosquitto.port(), CID + "/+/my_app_id/>/+",
                        CID + "/" + UID + "/0/>")) {
            int port = mosquitto.port();
            System.out.printf("Mosquitto on 127.0.0.1:%d (set_tcp_nodelay true); %d cores; load %s; %s%n", port,
                    Runtime.getRuntime().availableProcessors(), Proc.loadAverage(), jdks);
            platform.listen((topic, payload) -> {
                if (topic.startsWith(CID + "/" + UID + "/0/>")
                        && new String(payload, StandardCharsets.UTF_8).contains(",102,")) {
                    CountDownLatch c = connected[0];
                    if (c != null) {
                        c.countDown();
                    }
                }
            });
            List<String> firstFlags = null;
            for (Jdk jdk : jdks) {
                Results.OnJdk on = results.jdk(jdk);
                ok &= onJdk(jdk, on, firstFlags == null, platform, port, TrinCopy.create(dist, work.resolve("trin-jdk"
                        + jdk.label()), port, !"false".equals(options.getOrDefault("console", "true")),
                        options.getOrDefault("trin-client", "")), work, out);
                if (firstFlags == null) {
                    firstFlags = on.flags;
                }
            }
            if (!skip("fleet") && firstFlags != null && !firstFlags.isEmpty()) {
                ok &= fleet(jdks.get(0), firstFlags, port, integer("fleet", 1_000, 20), work);
            }
        } finally {
            children.killAll();
            results.write(out);
            if (options.containsKey("keep-logs")) {
                try (Stream<Path> logs = Files.list(work)) {
                    for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                        Files.copy(log, out.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Children.deleteQuietly(work);
        }
        System.out.println(ok ? "load driver: every part completed" : "load driver: SOME PART DID NOT COMPLETE");
        return ok ? 0 : 1;
    }

    /** Everything measured on one JDK; the burst too when {@code first}. */
    private boolean onJdk(Jdk jdk, Results.OnJdk on, boolean first, Platform platform, int port, Path home,
            Path work, Path out) throws Exception {
        System.out.println("== " + jdk);
        String tag = "jdk" + jdk.label();
        // Launch to connect event, several times (the first writes the CDS archive as it stops, the second checks
        // it, the third on use it); the last launch stays up for the rest.
        int launches = Math.max(1, integer("launches", 5, 3));
        Process trin = null;
        for (int i = 0; i < launches; i++) {
            connected[0] = new CountDownLatch(1);
            Path log = work.resolve("trin-" + tag + "-" + i + ".log");
            trin = TrinCopy.launchTimed(children, home, jdk, options.get("trin-opts"), log, connected[0], on);
            if (trin == null) {
                return false;
            }
            if (i < launches - 1) {
                Children.stop(trin);
            }
        }
        long pid = trin.pid();
        List<List<String>> flags = Jdk.trinFlags(pid, options.containsKey("trin-opts")
                ? List.of(options.get("trin-opts").trim().split("\\s+")) : List.of());
        on.flags = flags.get(0);
        on.leftOut = flags.get(1);
        System.out.println("trin's flags on " + jdk + ": " + String.join(" ", on.flags));

        // Idle, then resident memory.
        on.idleSeconds = integer("idle-seconds", 60, 3);
        on.console = !"false".equals(options.getOrDefault("console", "true"));
        Thread.sleep(TimeUnit.SECONDS.toMillis(on.idleSeconds));
        on.rssKib = Proc.rssKib(pid);
        on.threads = Proc.threads(pid);
        if (on.console) {
            int consolePort = TrinCopy.consolePort(home);
            on.consoleState = TrinCopy.listening(consolePort) ? "listening on 127.0.0.1:" + consolePort
                    : "NOT LISTENING on 127.0.0.1:" + consolePort;
        }
        System.out.printf("after %d s idle: RSS %d KiB, %d threads; web console %s%n", on.idleSeconds, on.rssKib,
                on.threads, on.console ? on.consoleState : "off");
        if (options.containsKey("jcmd")) {
            // e.g. --jcmd "VM.native_memory summary" with --trin-opts -XX:NativeMemoryTracking=summary
            List<String> jcmd = new ArrayList<>(List.of(jdk.home().resolve("bin/jcmd").toString(), Long.toString(pid)));
            jcmd.addAll(List.of(options.get("jcmd").split(" ")));
            Files.createDirectories(out);
            new ProcessBuilder(jcmd).redirectErrorStream(true)
                    .redirectOutput(out.resolve("jcmd-" + tag + ".txt").toFile()).start().waitFor(60, TimeUnit.SECONDS);
        }

        // Round trips: trin, the echo on trin's flags, the echo on JVM defaults; all three up, measured in turn.
        boolean ok = true;
        Map<String, Process> devices = new LinkedHashMap<>();
        Map<String, String> topics = new LinkedHashMap<>();
        devices.put(Results.TRIN, trin);
        topics.put(Results.TRIN, CID + "/" + UID + "/my_app_id/</" + Platform.SERVER);
        try {
            if (!skip("echo")) {
                for (String name : List.of(Results.ECHO_FLAGS, Results.ECHO_DEFAULTS)) {
                    String uid = ECHO_UID.substring(0, 14) + devices.size();
                    devices.put(name, children.java(jdk, name.equals(Results.ECHO_FLAGS) ? on.flags : List.of(),
                            "trin.bench.BareEcho", List.of("127.0.0.1", Integer.toString(port), CID, uid),
                            work.resolve("echo-" + tag + "-" + devices.size() + ".log"), true));
                    topics.put(name, CID + "/" + uid + "/my_app_id/</" + Platform.SERVER);
                }
            }
            int repeat = integer("repeat", 1, 1);
            for (int run = 1; run <= repeat; run++) {
                for (String name : devices.keySet()) {
                    ok &= roundTrips(on, name, run, platform, topics.get(name), devices.get(name).pid());
                }
            }
            if (first && !skip("burst")) {
                ok &= burst(on, platform, topics.get(Results.TRIN), pid, integer("burst", 20_000, 300));
            }
        } finally {
            for (Process p : devices.values()) {
                Children.stop(p);
            }
        }
        if (!skip("events")) {
            ok &= events(jdk, on, port, integer("events", 100_000, 1_000), work);
        }
        return ok;
    }

    private boolean events(Jdk jdk, Results.OnJdk on, int port, int events, Path work)
            throws IOException, InterruptedException {
        Map<String, String> ev = children.fleet(jdk, childFlags(on.flags), List.of("--mode", "events", "--port",
                Integer.toString(port), "--events", Integer.toString(events), "--client",
                options.getOrDefault("events-client", "")), work.resolve("events-jdk" + jdk.label() + ".log"));
        on.events = ev;
        String all = Integer.toString(events);
        return List.of("events_qos0", "events_qos1", "bare_events_qos0", "bare_events_qos1").stream()
                .allMatch(name -> all.equals(ev.get(name + "_received")));
    }

    /** The fleet on trin's flags of the first JDK, with a heap that grows with it. */
    private boolean fleet(Jdk jdk, List<String> trinFlags, int port, int sessions, Path work)
            throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(trinFlags);
        flags.removeIf(f -> f.startsWith("-Xmx") || f.startsWith("-Xms"));
        flags.add("-Xmx" + Math.max(128, sessions / 2) + "m");
        Map<String, String> fl = children.fleet(jdk, childFlags(flags), List.of("--port", Integer.toString(port),
                "--sessions", Integer.toString(sessions), "--commands",
                Integer.toString(integer("fleet-commands", 10_000, 200)), "--idle-seconds",
                Integer.toString(smoke ? 1 : 10)), work.resolve("fleet.log"));
        results.fleet(jdk, fl);
        return Integer.toString(sessions).equals(fl.get("connected")) && fl.get("answered") != null
                && fl.get("answered").equals(fl.get("commands"));
    }

    private List<String> childFlags(List<String> flags) {
        List<String> jvm = new ArrayList<>(flags);
        if (options.containsKey("child-opts")) {
            jvm.addAll(List.of(options.get("child-opts").trim().split("\\s+")));
        }
        return jvm;
    }

    private boolean skip(String part) {
        return List.of(options.getOrDefault("skip", "").split(",")).contains(part);
    }

    /** One device's round trips at 1 and at 8 in flight, after a warm-up at its first run. */
    private boolean roundTrips(Results.OnJdk on, String name, int run, Platform platform, String topic, long pid)
            throws InterruptedException {
        boolean ok = true;
        String label = "JDK " + on.jdk.label() + " " + name;
        if (run == 1) {
            Platform.RoundTrips w = platform.run(label + " warm-up", List.of(topic), integer("warmup", 5_000, 200), 8,
                    20);
            System.out.println(w.line());
            ok &= w.complete();
        }
        for (int window : new int[] {1, 8}) {
            long cpu0 = Proc.cpuNanos(pid);
            Platform.RoundTrips r = platform.run(label + ", " + window + " in flight" + (run > 1 ? ", run " + run : ""),
                    List.of(topic), integer("n", 20_000, 300), window, 20);
            long cpu = Proc.cpuNanos(pid) - cpu0;
            double cpuPerCommand = cpu / 1e3 / Math.max(1, r.done());
            System.out.println(r.line() + String.format("; device CPU %.0f us/cmd", cpuPerCommand));
            on.rows.add(new Results.Row(name, window, run, r, cpuPerCommand));
            ok &= r.complete();
        }
        return ok;
    }

    /**
     * A burst: {@code count} commands sent at once from one Paho client, as fast as it publishes, then every
     * reply awaited (a minute without one ends it). Every token must get {@code {"x":[0,0,6]}}: none refused
     * busy, none dropped.
     */
    private boolean burst(Results.OnJdk on, Platform platform, String topic, long pid, int count)
            throws InterruptedException {
        long cpu0 = Proc.cpuNanos(pid);
        Platform.RoundTrips r = platform.run("JDK " + on.jdk.label() + " trin (bin/trin), burst", List.of(topic),
                count, count, 60);
        double cpuPerCommand = (Proc.cpuNanos(pid) - cpu0) / 1e3 / Math.max(1, r.done());
        System.out.println(r.line() + String.format("; device CPU %.0f us/cmd; RSS after %d KiB", cpuPerCommand,
                Proc.rssKib(pid)));
        on.rows.add(new Results.Row(Results.TRIN + ", burst", count, 1, r, cpuPerCommand));
        return r.complete();
    }
}
