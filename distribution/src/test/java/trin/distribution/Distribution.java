package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import trin.testkit.RuntimeCopies;

/**
 * A copy of the built distribution (target/trin) in a temporary directory, so
 * that a run leaves target/ as it was, and the runtime started from it as a
 * real process: {@code bin/trin} with standard input from /dev/null, as
 * systemd starts it.
 */
final class Distribution implements AutoCloseable {

    static final Path BUILT = Path.of(System.getProperty("trin.distribution", "target/trin"));

    private final Path home;
    private final Path log;
    private Process process;
    private long startedNanos;

    private Distribution(Path home) {
        this.home = home;
        this.log = home.getParent().resolve("trin.log");
    }

    /** Copies the built distribution, without a data/ a manual run may have left, into {@code dir}/trin. */
    static Distribution copy(Path dir) throws IOException {
        if (!Files.isExecutable(BUILT.resolve("bin/trin"))) {
            throw new IllegalStateException("No built distribution at " + BUILT.toAbsolutePath()
                    + ": run mvn package first");
        }
        Path home = dir.resolve("trin");
        RuntimeCopies.fresh(BUILT, home);
        return new Distribution(home);
    }

    Path home() {
        return home;
    }

    Path conf(String file) {
        return home.resolve("conf").resolve(file);
    }

    /** Sets a property of a conf/ file, replacing its line or adding one, as a user would edit it. */
    Distribution set(String file, String name, String value) throws IOException {
        Path path = conf(file);
        List<String> lines = Files.exists(path) ? new ArrayList<>(Files.readAllLines(path, UTF_8)) : new ArrayList<>();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*[=:].*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, name + "=" + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(name + "=" + value);
        }
        Files.write(path, lines, UTF_8);
        return this;
    }

    /** The README's switch to the Smart platform: {@code cp conf/platform/*.cfg conf/}. */
    Distribution platformLayout() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("conf/platform"))) {
            for (Path cfg : (Iterable<Path>) files::iterator) {
                Files.copy(cfg, conf(cfg.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return this;
    }

    /** Starts bin/trin without a terminal, from another working directory, its output to a log file (a new one). */
    Distribution start() throws IOException {
        return start(null);
    }

    /** As {@link #start()}, with {@code JAVA_OPTS} (none when null). */
    Distribution start(String javaOpts) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/trin").toString())
                .directory(home.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_OPTS");
        if (javaOpts != null) {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        startedNanos = System.nanoTime();
        process = builder.start();
        return this;
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the log has a line matching {@code regex}.
     *
     * @return the match, and how long after the start it was first seen
     */
    Matcher awaitLog(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(log());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError("trin exited with " + process.exitValue() + " before logging /" + regex
                        + "/:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No /" + regex + "/ in the log within " + timeout + ":\n" + log());
            }
            Thread.sleep(50);
        }
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Runs {@code bin/trin <args>} as a tool, without a terminal, and returns its exit code and output. */
    Result tool(String... args) throws IOException, InterruptedException {
        return toolWithInput(null, args);
    }

    /** As {@link #tool}, with {@code input} on its standard input (nothing when null). */
    Result toolWithInput(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/trin").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home.getParent(), "tool", ".out");
        Path in = Files.createTempFile(home.getParent(), "tool", ".in");
        Files.writeString(in, input == null ? "" : input, UTF_8);
        Process tool = new ProcessBuilder(command)
                .directory(home.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(input == null ? new File("/dev/null") : in.toFile()))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS)) {
                tool.destroyForcibly();
                throw new AssertionError("bin/trin " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(tool.exitValue(), Files.readString(out, UTF_8));
        } finally {
            Files.deleteIfExists(in);
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Sends SIGTERM (what systemd sends) and waits for the process to end. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("trin still running " + timeout + " after SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
