package trin.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import trin.testkit.Mosquitto;

/**
 * The load driver: trin as users run it ({@code bin/trin} of a copy of
 * {@code distribution/target/trin}, shipped JAVA_OPTS, the sample application
 * dropped into {@code bundle/}) against a Mosquitto of its own
 * ({@code set_tcp_nodelay true}, no queue cap, a free port on 127.0.0.1), beside the floor
 * (a bare Paho echo, {@link BareEcho}, on trin's JVM flags and on JVM defaults)
 * through the same broker. Measures launch to connect event, resident memory
 * after idling, round trips at 1 and 8 in flight with the device's CPU per
 * command, a burst of commands sent at once ({@code --burst N}, 20,000), events end to end at QoS 0 and 1, and a fleet of sessions in one
 * JVM; writes {@code results/RESULTS.md} and {@code results/latency.png}.
 *
 * <p>{@code LoadBench [--smoke] [--dist DIR] [--out DIR] [--n N] [--burst N] [--launches N] [--idle-seconds S]
 * [--fleet N] [--events N] [--events-client "maxInflight=200,..."] [--trin-client "workers=1,..."]
 * [--trin-opts "JAVA_OPTS for bin/trin"]
 * [--skip echo,events,fleet] [--console false]
 * [--jcmd "VM.native_memory summary"] [--keep-logs true] [--child-opts "JVM flags of the events and fleet JVMs"]}. Smoke mode is small and quick: it checks that every
 * part completes (its exit status), never how fast.
 */
public final class LoadBench {

    static final String CID = "12345678";
    static final String UID = "AAA0000DEADBEEF";
    static final String ECHO_UID = "AAA0000000ECHO0";

    private final Map<String, String> options = new LinkedHashMap<>();
    private final boolean smoke;
    private final Results results = new Results();
    private final List<Process> children = new ArrayList<>();

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
        Runtime.getRuntime().addShutdownHook(new Thread(bench::killChildren, "bench-children-killer"));
        int status;
        try {
            status = bench.run();
        } finally {
            bench.killChildren();
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
        int n = integer("n", 20_000, 300);
        int warmup = integer("warmup", 5_000, 200);
        int launches = integer("launches", 5, 1);
        int idleSeconds = integer("idle-seconds", 60, 3);
        int fleet = integer("fleet", 1_000, 20);
        int events = integer("events", 100_000, 1_000);
        boolean console = !"false".equals(options.getOrDefault("console", "true"));
        boolean ok = true;
        Path work = Files.createTempDirectory("trin-bench-");
        results.machine(smoke);
        // No cap on what Mosquitto queues for a slow subscriber: the events driver keeps up to 2000 on their
        // way, and past 1000 (its default) Mosquitto drops QoS 1 messages it has acknowledged: the broker's loss.
        try (Mosquitto mosquitto = Mosquitto.builder().option("max_queued_messages 0").start();
                Platform platform = Platform.connect("127.0.0.1", mosquitto.port(), CID + "/+/my_app_id/>/+",
                        CID + "/" + UID + "/0/>")) {
            int port = mosquitto.port();
            System.out.printf("Mosquitto on 127.0.0.1:%d (set_tcp_nodelay true); %d cores; load %s%n", port,
                    Runtime.getRuntime().availableProcessors(), Proc.loadAverage());
            Path home = copyRuntime(dist, work.resolve("trin"), port, console,
                    options.getOrDefault("trin-client", ""));
            List<String> trinFlags = shippedFlags(home);
            results.flags(trinFlags);

            // Launch to connect event, several times; the last launch stays up for the rest.
            CountDownLatch[] connected = new CountDownLatch[1];
            platform.listen((topic, payload) -> {
                if (topic.startsWith(CID + "/" + UID + "/0/>")
                        && new String(payload, StandardCharsets.UTF_8).contains(",102,")) {
                    CountDownLatch c = connected[0];
                    if (c != null) {
                        c.countDown();
                    }
                }
            });
            List<Long> launchMillis = new ArrayList<>();
            Process trin = null;
            for (int i = 0; i < launches; i++) {
                connected[0] = new CountDownLatch(1);
                long start = System.nanoTime();
                trin = launch(home, work.resolve("trin-" + i + ".log"));
                if (!connected[0].await(60, TimeUnit.SECONDS)) {
                    System.err.println("bin/trin sent no connect event within 60 s; its log: "
                            + work.resolve("trin-" + i + ".log"));
                    System.err.println(Files.readString(work.resolve("trin-" + i + ".log")));
                    return 1;
                }
                launchMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                System.out.printf("launch %d: connect event after %d ms%n", i + 1, launchMillis.get(i));
                if (i < launches - 1) {
                    stop(trin);
                }
            }
            results.launches(launchMillis);
            long pid = trin.pid();

            // Idle, then resident memory.
            Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
            results.idle(idleSeconds, Proc.rssKib(pid), Proc.threads(pid), console);
            System.out.printf("after %d s idle: RSS %d KiB, %d threads%n", idleSeconds, Proc.rssKib(pid),
                    Proc.threads(pid));
            if (options.containsKey("jcmd")) {
                // e.g. --jcmd "VM.native_memory summary" with --trin-opts -XX:NativeMemoryTracking=summary
                List<String> jcmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                        .toString(), Long.toString(pid)));
                jcmd.addAll(List.of(options.get("jcmd").split(" ")));
                Files.createDirectories(out);
                new ProcessBuilder(jcmd).redirectErrorStream(true).redirectOutput(out.resolve("jcmd.txt").toFile())
                        .start().waitFor(60, TimeUnit.SECONDS);
            }

            // Round trips through bin/trin, then through the bare echoes.
            String trinTopic = CID + "/" + UID + "/my_app_id/</" + Platform.SERVER;
            ok &= roundTrips("trin (bin/trin)", platform, trinTopic, pid, warmup, n);
            ok &= burst(platform, trinTopic, pid, integer("burst", 20_000, 300));
            stop(trin);
            for (boolean flags : skip("echo") ? new boolean[0] : new boolean[] {true, false}) {
                List<String> jvm = flags ? trinFlags : List.of();
                Process echo = java(jvm, "trin.bench.BareEcho", List.of("127.0.0.1", Integer.toString(port), CID,
                        ECHO_UID), work.resolve("echo.log"), true);
                String name = flags ? "bare echo, trin's flags" : "bare echo, JVM defaults";
                ok &= roundTrips(name, platform, CID + "/" + ECHO_UID + "/my_app_id/</" + Platform.SERVER,
                        echo.pid(), warmup, n);
                stop(echo);
            }

            // Events end to end, and the fleet: trin's session in a JVM of their own, on trin's flags.
            if (!skip("events")) {
                ok &= events(trinFlags, port, events, work);
            }
            if (!skip("fleet")) {
                ok &= fleet(trinFlags, port, fleet, work);
            }
        } finally {
            killChildren();
            results.write(out);
            if (options.containsKey("keep-logs")) {
                try (Stream<Path> logs = Files.list(work)) {
                    for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                        Files.copy(log, out.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            deleteQuietly(work);
        }
        System.out.println(ok ? "load driver: every part completed" : "load driver: SOME PART DID NOT COMPLETE");
        return ok ? 0 : 1;
    }

    private boolean events(List<String> trinFlags, int port, int events, Path work)
            throws IOException, InterruptedException {
        Map<String, String> ev = fleet(trinFlags, List.of("--mode", "events", "--port", Integer.toString(port),
                "--events", Integer.toString(events), "--client", options.getOrDefault("events-client", "")),
                work.resolve("events.log"));
        results.events(ev);
        String all = Integer.toString(events);
        return List.of("events_qos0", "events_qos1", "bare_events_qos0", "bare_events_qos1").stream()
                .allMatch(name -> all.equals(ev.get(name + "_received")));
    }

    /** The fleet on trin's flags, with a heap that grows with it. */
    private boolean fleet(List<String> trinFlags, int port, int sessions, Path work)
            throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(trinFlags);
        flags.removeIf(f -> f.startsWith("-Xmx") || f.startsWith("-Xms"));
        flags.add("-Xmx" + Math.max(128, sessions / 2) + "m");
        Map<String, String> fl = fleet(flags, List.of("--port", Integer.toString(port), "--sessions",
                Integer.toString(sessions), "--commands", Integer.toString(integer("fleet-commands", 10_000, 200)),
                "--idle-seconds", Integer.toString(smoke ? 1 : 10)), work.resolve("fleet.log"));
        results.fleet(fl);
        return Integer.toString(sessions).equals(fl.get("connected")) && fl.get("answered") != null
                && fl.get("answered").equals(fl.get("commands"));
    }

    private boolean skip(String part) {
        return List.of(options.getOrDefault("skip", "").split(",")).contains(part);
    }

    private boolean roundTrips(String name, Platform platform, String topic, long pid, int warmup, int n)
            throws InterruptedException {
        boolean ok = true;
        Platform.RoundTrips w = platform.run(name + " warm-up", List.of(topic), warmup, 8, 20);
        System.out.println(w.line());
        ok &= w.complete();
        for (int window : new int[] {1, 8}) {
            long cpu0 = Proc.cpuNanos(pid);
            Platform.RoundTrips r = platform.run(name + ", " + window + " in flight", List.of(topic), n, window, 20);
            long cpu = Proc.cpuNanos(pid) - cpu0;
            double cpuPerCommand = cpu / 1e3 / Math.max(1, r.done());
            System.out.println(r.line() + String.format("; device CPU %.0f us/cmd", cpuPerCommand));
            results.roundTrips(name, window, r, cpuPerCommand);
            ok &= r.complete();
        }
        return ok;
    }

    /**
     * A burst: {@code count} commands sent at once from one Paho client, as fast as it publishes, then every
     * reply awaited (a minute without one ends it). Every token must get {@code {"x":[0,0,6]}}: none refused
     * busy, none dropped.
     */
    private boolean burst(Platform platform, String topic, long pid, int count) throws InterruptedException {
        long cpu0 = Proc.cpuNanos(pid);
        Platform.RoundTrips r = platform.run("trin (bin/trin), burst", List.of(topic), count, count, 60);
        double cpuPerCommand = (Proc.cpuNanos(pid) - cpu0) / 1e3 / Math.max(1, r.done());
        System.out.println(r.line() + String.format("; device CPU %.0f us/cmd; RSS after %d KiB", cpuPerCommand,
                Proc.rssKib(pid)));
        results.roundTrips("trin (bin/trin), burst", count, r, cpuPerCommand);
        return r.complete();
    }

    /**
     * A copy of the distribution pointed at our Mosquitto: not LOCAL (own key directory), sample app in bundle/,
     * the web console as shipped (on) unless {@code --console false}; {@code client} adds trin.client properties
     * ({@code name=value,...}, a setting under trial).
     */
    private static Path copyRuntime(Path dist, Path home, int port, boolean console, String client)
            throws IOException {
        try (Stream<Path> paths = Files.walk(dist)) {
            for (Path source : paths.toList()) {
                Path rel = dist.relativize(source);
                if (rel.startsWith("data")) {
                    continue;
                }
                Path target = home.resolve(rel.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        try (Stream<Path> local = Files.list(home.resolve("bundle/local"))) {
            for (Path jar : local.toList()) {
                Files.copy(jar, home.resolve("bundle").resolve(jar.getFileName()));
            }
        }
        Path conf = home.resolve("conf");
        List<String> properties = new ArrayList<>(List.of("host=127.0.0.1", "port=" + port, "local=false",
                "trustEmptySender=false", "settingsFile=${trin.home}/data/trinmqtt.ini",
                "outboxDir=${trin.home}/data/outbox", "pdrInterval=3600"));
        if (!client.isBlank()) {
            properties.addAll(List.of(client.split(",")));
        }
        Files.writeString(conf.resolve("trin.client.cfg"), String.join("\n", properties) + "\n");
        Files.writeString(conf.resolve("trin.crypto.cfg"), "keyDir=${trin.home}/data/bench-key\n");
        Files.writeString(conf.resolve("trin.hw.linux.cfg"), "uid=" + UID + "\nrebootCommand=/bin/true\n");
        if (!console) {
            Path framework = conf.resolve("framework.properties");
            Files.writeString(framework, Files.readString(framework).replace("trin.console=true", "trin.console=false"));
        }
        Path keyDir = Files.createDirectories(home.resolve("data/bench-key"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(keyDir.resolve("trinqtt"), key);
        Files.setPosixFilePermissions(keyDir.resolve("trinqtt"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(keyDir.resolve("trinqtt.cid"), CID + "\n");
        return home;
    }

    /** The JVM flags bin/trin gives the runtime: its {@code defaults=(...)} line. */
    static List<String> shippedFlags(Path home) throws IOException {
        Matcher m = Pattern.compile("(?m)^defaults=\\(([^)]*)\\)").matcher(Files.readString(home.resolve("bin/trin")));
        if (!m.find()) {
            throw new IllegalStateException("no defaults=(...) line in bin/trin");
        }
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    private Process launch(Path home, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/trin").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        // The shipped flags only, unless --trin-opts adds some (a profile, or a flag under trial).
        pb.environment().remove("JAVA_OPTS");
        if (options.containsKey("trin-opts")) {
            pb.environment().put("JAVA_OPTS", options.get("trin-opts"));
        }
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private Process java(List<String> flags, String main, List<String> args, Path log, boolean awaitReady)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        Process p = pb.start();
        children.add(p);
        if (awaitReady) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException(main + " did not start: " + line + "; " + Files.readString(log));
            }
        }
        return p;
    }

    private Map<String, String> fleet(List<String> flags, List<String> args, Path log)
            throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(flags);
        if (options.containsKey("child-opts")) {
            jvm.addAll(List.of(options.get("child-opts").split(" ")));
        }
        Process p = java(jvm, "trin.client.internal.Fleet", args, log, false);
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("  " + line);
                if (line.startsWith("RESULT ")) {
                    String[] kv = line.substring(7).split("=", 2);
                    result.put(kv[0], kv[1]);
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            System.err.println("Fleet exited with " + p.exitValue() + "; log " + log + ":\n" + tail(log));
        }
        return result;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGTERM, as systemd stops trin; forcibly after 20 s. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void killChildren() {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
