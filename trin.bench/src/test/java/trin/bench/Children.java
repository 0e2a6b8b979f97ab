package trin.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The processes the load driver starts: all ended when it ends, whatever happens. */
final class Children {

    private final List<Process> processes = new ArrayList<>();

    Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /**
     * {@code main} of the driver's class path in a JVM of {@code jdk} with {@code flags}; with {@code awaitReady},
     * once it printed {@code READY}.
     */
    Process java(Jdk jdk, List<String> flags, String main, List<String> args, Path log, boolean awaitReady)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(Jdk.split(flags));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(args);
        Process p = start(new ProcessBuilder(command).redirectError(log.toFile()));
        if (awaitReady) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException(main + " did not start: " + line + "; " + Files.readString(log));
            }
        }
        return p;
    }

    /** {@code trin.client.internal.Fleet} (fleet or events mode): its {@code RESULT name=value} lines. */
    Map<String, String> fleet(Jdk jdk, List<String> flags, List<String> args, Path log)
            throws IOException, InterruptedException {
        Process p = java(jdk, flags, "trin.client.internal.Fleet", args, log, false);
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

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGTERM, as systemd stops trin; forcibly after 20 s. */
    static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    void killAll() {
        synchronized (processes) {
            for (Process p : processes) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Deletes a directory tree; what cannot be deleted stays. */
    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
