package trin.app.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import trin.devbroker.KeyDirs;
import trin.devbroker.SmartBroker;
import trin.testkit.MqttProbe;
import trin.testkit.RuntimeCopies;

/**
 * An application author's path, as the README gives it: generate a project from the archetype in an
 * empty directory, build it offline ({@code mvn -B -o verify}: its unit test and its integration test on
 * trin.apptest), drop its jar into {@code bundle/} of the built distribution switched to the platform
 * layout, and ask it {@code ["echo","abc"]} through a Smart broker of its own, which checks the
 * device's passwords.
 *
 * <p>The generated project sees this build's artifacts in {@code target/it-repo} (staged by
 * maven-invoker-plugin's install goal) and nothing else but this build's local repository, as a
 * {@code file://} mirror of every repository: what it needs that this build did not fetch fails it.
 * Its {@code .dp} stays in {@code target/archetype-it/my-app/target/} for trin.itest's Kura-5 run.
 */
class ArchetypeIT {

    private static final Duration BUILD = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String APP_ID = "my_app";
    private static final String CID = "12345678";
    private static final String UID = "202481587074134";

    private final Path dir = Path.of(System.getProperty("trin.it.dir", "target/archetype-it"));
    private final String version = System.getProperty("trin.version");
    private SmartBroker broker;
    private MqttProbe probe;
    private Process trin;

    @AfterEach
    void stop() throws Exception {
        if (trin != null && trin.isAlive()) {
            trin.destroy();
            if (!trin.waitFor(40, TimeUnit.SECONDS)) {
                trin.destroyForcibly();
            }
        }
        if (probe != null) {
            probe.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void givenTheArchetype_whenAnAuthorGeneratesAndBuildsOffline_thenTheBundleAnswersEchoOnThePlatformLayout()
            throws Exception {
        // Given an empty directory and the README's two commands
        deleteTree(dir);
        Files.createDirectories(dir);
        Path settings = settings();
        long started = System.nanoTime();
        mvn(dir, settings, String.format("org.apache.maven.plugins:maven-archetype-plugin:%s:generate",
                System.getProperty("archetype.plugin.version")), "-DarchetypeCatalog=local",
                "-DarchetypeGroupId=io.trin", "-DarchetypeArtifactId=trin-app-archetype",
                "-DarchetypeVersion=" + version, "-DgroupId=com.example", "-DartifactId=my-app",
                "-Dpackage=com.example.myapp", "-DappId=" + APP_ID, "-DinteractiveMode=false");
        Path project = dir.resolve("my-app");
        String build = mvn(project, settings, "verify");
        System.out.printf("[figures] archetype generate + offline verify: %d s%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        // Then its tests ran, and target/ holds the bundle and a deployment package of it alone
        assertThat(build).contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                .contains("in com.example.myapp.ApplicationTest")
                .contains("in com.example.myapp.ApplicationIT").contains("BUILD SUCCESS");
        Path jar = project.resolve("target/my-app-1.0-SNAPSHOT.jar");
        Path dp = project.resolve("target/my-app-1.0-SNAPSHOT.dp");
        try (JarFile bundle = new JarFile(jar.toFile())) {
            assertThat(bundle.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                    .isEqualTo("com.example.myapp");
            assertThat(bundle.getManifest().getMainAttributes().getValue("Require-Capability"))
                    .as("DS 1.4, as Kura 5 runs it").contains("(version>=1.4.0)(!(version>=2.0.0))");
            assertThat(bundle.getEntry("OSGI-INF/metatype/com.example.myapp.xml")).isNotNull();
        }
        assertThat(entries(dp)).containsExactly("META-INF/MANIFEST.MF", "my-app-1.0-SNAPSHOT.jar");

        // When its jar is dropped into bundle/ of the distribution switched to the platform layout
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        broker = SmartBroker.builder().start().addUser("platform", "secret");
        probe = MqttProbe.builder(broker.uri()).credentials("platform", "secret").subscribe(CID + "/#").connect();
        broker.register(CID, UID, key);
        Path home = copyDistribution(dir.resolve("gateway"));
        platformLayout(home);
        set(home, "trin.client.cfg", "host", "127.0.0.1");
        set(home, "trin.client.cfg", "port", Integer.toString(broker.port()));
        set(home, "trin.client.cfg", "settingsFile", dir.resolve("gateway/trinmqtt.ini").toString());
        set(home, "trin.crypto.cfg", "keyDir", KeyDirs.provision(dir.resolve("gateway/key"), CID, key).toString());
        set(home, "trin.hw.linux.cfg", "uid", UID);
        set(home, "trin.hw.raspberrypi.cfg", "cpuinfo", dir.resolve("gateway/no-cpuinfo").toString());
        Files.copy(jar, home.resolve("bundle").resolve(jar.getFileName()));
        trin = new ProcessBuilder(home.resolve("bin/trin").toString()).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway/trin.log").toFile()).start();

        // Then ["echo","abc"] on CID/UID/my_app/< gets {"x":[0,0,"abc"]} on CID/UID/my_app/>/<token>
        MqttProbe.Received reply = awaitEcho();
        assertThat(reply.text()).isEqualTo("{\"x\":[0,0,\"abc\"]}");
        assertThat(Files.readString(dir.resolve("gateway/trin.log"), UTF_8))
                .contains("Application my_app configured").doesNotContain("LOCAL development broker");
    }

    /**
     * Asks until the reply is there: the gateway connects, then installs and starts the bundles of
     * {@code bundle/}; until the application's handler is registered, a command to my_app is not
     * answered with its echo. A new token each time; the reply asserted is the one to its own token.
     */
    private MqttProbe.Received awaitEcho() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int attempt = 1; ; attempt++) {
            String token = "t" + attempt;
            String topic = CID + "/" + UID + "/" + APP_ID + "/>/" + token;
            probe.publish(CID + "/" + UID + "/" + APP_ID + "/</000000000000000",
                    "{\"c\":[0,\"" + token + "\",[\"echo\",\"abc\"]]}", 1, false);
            try {
                MqttProbe.Received reply = probe.awaitMessage(topic, Duration.ofSeconds(2));
                if (reply.text().contains("\"abc\"") || System.nanoTime() > deadline) {
                    return reply;
                }
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline || !trin.isAlive()) {
                    throw new AssertionError("no echo reply within " + WAIT + "; messages: " + probe.messages()
                            + "\nlog:\n" + Files.readString(dir.resolve("gateway/trin.log"), UTF_8), notYet);
                }
            }
        }
    }

    /** Every repository mirrored to this build's local repository, read as a file:// repository. */
    private Path settings() throws IOException {
        Path buildRepo = Path.of(System.getProperty("trin.it.buildRepo"));
        return Files.writeString(dir.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>this-build</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(buildRepo.toUri()), UTF_8);
    }

    /** Runs Maven as the author would, offline, on the staged repository; returns its output, fails on failure. */
    private static String mvn(Path workDir, Path settings, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B", "-o", "-s", settings.toString(),
                "-Dmaven.repo.local=" + System.getProperty("trin.it.repo"),
                // offline, yet the mirror of file:// is read: nothing comes from the network
                "-Daether.offline.protocols=file"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "mvn", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.start();
        if (!process.waitFor(BUILD.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not end within " + BUILD);
        }
        String output = Files.readString(log, UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("mvn " + String.join(" ", args) + " failed (" + process.exitValue() + "):\n"
                    + output);
        }
        return output;
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static Path copyDistribution(Path dir) throws IOException {
        Path built = Path.of(System.getProperty("trin.distribution"));
        if (!Files.isExecutable(built.resolve("bin/trin"))) {
            throw new IllegalStateException("no built distribution at " + built + ": build distribution first");
        }
        Path home = dir.resolve("trin");
        RuntimeCopies.fresh(built, home);
        return home;
    }

    /** The README's switch to the Smart platform: {@code cp conf/platform/*.cfg conf/}. */
    private static void platformLayout(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("conf/platform"))) {
            for (Path cfg : (Iterable<Path>) files::iterator) {
                Files.copy(cfg, home.resolve("conf").resolve(cfg.getFileName().toString()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Sets a property of a conf/ file, replacing its line or adding one. */
    private static void set(Path home, String file, String name, String value) throws IOException {
        Path path = home.resolve("conf").resolve(file);
        List<String> lines = Files.exists(path) ? new ArrayList<>(Files.readAllLines(path, UTF_8)) : new ArrayList<>();
        String pattern = "^\\s*" + Pattern.quote(name) + "\\s*[=:].*$";
        lines.replaceAll(line -> line.matches(pattern) ? name + "=" + value : line);
        if (!lines.contains(name + "=" + value)) {
            lines.add(name + "=" + value);
        }
        Files.write(path, lines, UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
