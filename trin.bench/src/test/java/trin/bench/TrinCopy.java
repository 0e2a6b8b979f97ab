package trin.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import trin.testkit.RuntimeCopies;

/**
 * A copy of the distribution pointed at the driver's Mosquitto, one per JDK (a fresh {@code data/}, so each
 * JDK writes its own class data sharing archive): not LOCAL (a key directory of its own), the sample application
 * in {@code bundle/}, the web console as shipped (on) unless {@code --console false}.
 */
final class TrinCopy {

    private TrinCopy() {
    }

    /** {@code client} adds trin.client properties ({@code name=value,...}, a setting under trial). */
    static Path create(Path dist, Path home, int port, boolean console, String client) throws IOException {
        RuntimeCopies.fresh(dist, home);
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
        Files.writeString(conf.resolve("trin.hw.linux.cfg"), "uid=" + LoadBench.UID + "\nrebootCommand=/bin/true\n");
        // The console on a free port: another trin on this machine (a second driver, a developer's) may hold
        // 8080, and a console that cannot bind is no console (its memory and threads would be missing).
        Path http = conf.resolve("org.apache.felix.http.cfg");
        if (Files.exists(http)) {
            Files.writeString(http, Files.readString(http).replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port=.*$",
                    "org.osgi.service.http.port=" + freePort()));
        }
        if (!console) {
            Path framework = conf.resolve("framework.properties");
            Files.writeString(framework, Files.readString(framework).replace("trin.console=true", "trin.console=false"));
        }
        Path keyDir = Files.createDirectories(home.resolve("data/bench-key"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(keyDir.resolve("trinqtt"), key);
        Files.setPosixFilePermissions(keyDir.resolve("trinqtt"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(keyDir.resolve("trinqtt.cid"), LoadBench.CID + "\n");
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The web console's port in the copy's configuration, or -1. */
    static int consolePort(Path home) throws IOException {
        Matcher m = Pattern.compile("(?m)^org\\.osgi\\.service\\.http\\.port=(\\d+)")
                .matcher(Files.readString(home.resolve("conf/org.apache.felix.http.cfg")));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Whether something listens on that port of 127.0.0.1. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One timed launch: {@link #launch}, then the wait for {@code connected} (counted down when the connect event
     * arrives at the platform); adds to {@code on} the time from the spawn to that arrival and the script's share
     * (from the spawn until bin/trin execs java). The process, or null (its log printed) when no connect event
     * came within 60 s.
     */
    static Process launchTimed(Children children, Path home, Jdk jdk, String trinOpts, Path log,
            CountDownLatch connected, Results.OnJdk on) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process trin = launch(children, home, jdk, trinOpts, log);
        long[] exec = {-1};
        Thread watcher = new Thread(() -> exec[0] = Proc.awaitExec(trin.pid(), "java", 60_000), "exec-watcher");
        watcher.setDaemon(true);
        watcher.start();
        if (!connected.await(60, TimeUnit.SECONDS)) {
            System.err.println("bin/trin on " + jdk + " sent no connect event within 60 s; its log: " + log);
            System.err.println(Files.readString(log));
            Children.stop(trin);
            return null;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        watcher.join(1000);
        long script = exec[0] < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(exec[0] - start);
        on.launches.add(millis);
        on.scripts.add(script);
        System.out.printf("launch %d: connect event after %d ms (bin/trin's script until it execs java: %d ms)%n",
                on.launches.size(), millis, script);
        return trin;
    }

    /**
     * {@code bin/trin} of the copy on {@code jdk} (its JAVA_HOME): the flags it ships for that JDK, plus
     * {@code trinOpts} as JAVA_OPTS when given (a profile, or a flag under trial); standard input a pipe, so no shell.
     */
    static Process launch(Children children, Path home, Jdk jdk, String trinOpts, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/trin").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("JAVA_HOME", jdk.home().toString());
        if (trinOpts != null) {
            pb.environment().put("JAVA_OPTS", trinOpts);
        }
        return children.start(pb);
    }
}
