package trin.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trin.devbroker.FreePorts;

/**
 * A real {@code mosquitto} broker as a child process, listening on 127.0.0.1 only, anonymous
 * logins allowed, no persistence; optionally a TLS listener too. Its configuration and log (its
 * stdout and stderr, where it logs) live
 * in a temporary directory that {@link #close()} deletes. The process is killed on close, and by a
 * shutdown hook if the JVM exits first.
 */
public final class Mosquitto implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mosquitto.class);
    private static final int LOG_EXCERPT_LINES = 30;

    private final Path executable;
    private final Path dir;
    private final ProcessLog log;
    private final MosquittoConfig.Tls tls;
    private final String extraConfig;
    private final Duration startTimeout;
    private final boolean portGiven;
    private final boolean tlsPortGiven;
    private boolean portsFixed;
    private final Thread shutdownHook;
    private int port;
    private int tlsPort;
    private volatile Process process;
    private boolean closed;

    Mosquitto(MosquittoBuilder builder) throws IOException {
        this.executable = executable().orElseThrow(
                () -> new IllegalStateException("mosquitto is not installed (apt-get install mosquitto)"));
        this.tls = builder.tls;
        this.extraConfig = builder.extraConfig.toString();
        this.startTimeout = builder.startTimeout;
        this.portGiven = builder.port != 0;
        this.tlsPortGiven = builder.tlsPort != 0;
        this.port = builder.port;
        this.tlsPort = builder.tlsPort;
        this.dir = Files.createTempDirectory("trin-mosquitto-");
        this.log = new ProcessLog(dir.resolve("mosquitto.log"));
        this.shutdownHook = new Thread(this::kill, "mosquitto-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether a mosquitto binary can be found. */
    public static boolean available() {
        return executable().isPresent();
    }

    /** The mosquitto binary: on the PATH, else {@code /usr/sbin} or {@code /usr/local/sbin}. */
    public static Optional<Path> executable() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    candidates.add(Path.of(entry, "mosquitto"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/mosquitto"));
        candidates.add(Path.of("/usr/local/sbin/mosquitto"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    public static MosquittoBuilder builder() {
        return new MosquittoBuilder();
    }

    /**
     * Starts the process and waits until every listener accepts connections. The first start
     * picks free ports where none were given; later starts reuse them. Does nothing when running.
     *
     * @throws IllegalStateException with an excerpt of the log when it does not come up in time
     */
    public synchronized Mosquitto start() throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (process != null && process.isAlive()) {
            return this;
        }
        for (int attempt = 1; ; attempt++) {
            if (!portsFixed) {
                port = portGiven ? port : FreePorts.pick();
                tlsPort = tls == null || tlsPortGiven ? tlsPort : FreePorts.pick();
            }
            long logStart = log.size();
            try {
                launch(logStart);
                portsFixed = true;
                LOG.info("mosquitto listening on 127.0.0.1:{}{}", port, tls == null ? "" : " and TLS " + tlsPort);
                return this;
            } catch (IllegalStateException e) {
                boolean portRace = !portsFixed && !(portGiven && tlsPortGiven)
                        && log.since(logStart).contains("Address already in use");
                if (!portRace || attempt == FreePorts.ATTEMPTS) {
                    throw e;
                }
                LOG.debug("A picked port was taken meanwhile, trying others", e);
            }
        }
    }

    /** Terminates the process (SIGTERM, then a kill); {@link #start()} brings it back on the same ports. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
        LOG.info("mosquitto on port {} stopped", port);
    }

    /**
     * Kills the process with SIGKILL (kill -9), as a crash or an OOM killer would: no clean
     * disconnects, no will flushed by a shutdown. {@link #start()} brings it back on the same ports.
     *
     * @return the killed process's id
     * @throws IllegalStateException if it is not running
     */
    public synchronized long kill9() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("mosquitto is not running");
        }
        long pid = process.pid();
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mosquitto " + pid + " survived SIGKILL for 5 s");
        }
        process = null;
        LOG.info("mosquitto on port {} killed (SIGKILL, pid {})", port, pid);
        return pid;
    }

    /** {@link #kill9()} then {@link #start()} on the same ports. */
    public synchronized void crashAndRestart() throws IOException, InterruptedException {
        kill9();
        start();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    public synchronized int tlsPort() {
        if (tls == null) {
            throw new IllegalStateException("no TLS listener: see MosquittoBuilder.tls");
        }
        requireStarted();
        return tlsPort;
    }

    /** {@code tcp://127.0.0.1:port}, for Paho. */
    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /** {@code ssl://localhost:tlsPort}, for Paho; {@link TestCertificates} certify that name. */
    public String tlsUri() {
        return "ssl://localhost:" + tlsPort();
    }

    /** The broker's log (stdout and stderr of every run, appended). */
    public Path logFile() {
        return log.file();
    }

    /** The log's content so far, or "" if there is none. */
    public String log() {
        return log.since(0);
    }

    /** Stops the process and deletes the temporary directory, log included. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        deleteDirectory();
    }

    private void launch(long logStart) throws IOException, InterruptedException {
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, MosquittoConfig.text(port, tlsPort, tls, extraConfig), UTF_8);
        process = new ProcessBuilder(executable.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        process.getOutputStream().close();
        awaitListening(logStart);
    }

    private void awaitListening(long logStart) throws InterruptedException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        List<Integer> ports = tls == null ? List.of(port) : List.of(port, tlsPort);
        while (true) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                throw failure("mosquitto exited with status " + exit + " before listening", logStart);
            }
            // The log line comes after every listener is bound: a port that accepts may be someone else's.
            if (log.since(logStart).contains(" running") && ports.stream().allMatch(Mosquitto::accepts)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                kill();
                process = null;
                throw failure("mosquitto did not listen on " + ports + " within " + startTimeout, logStart);
            }
            Thread.sleep(20);
        }
    }

    private IllegalStateException failure(String message, long logStart) {
        return new IllegalStateException(message + "; its log says:\n" + log.tail(logStart, LOG_EXCERPT_LINES));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private void requireStarted() {
        if (port == 0) {
            throw new IllegalStateException("not started yet: the port is chosen at the first start");
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
