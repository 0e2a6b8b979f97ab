package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.testkit.Mosquitto;
import trin.testkit.MqttProbe;

/**
 * The Debian package, installed on this machine as an operator would (dpkg, as root): the user trin, the
 * files with their modes, the unit as systemd-analyze sees it, lintian; the unit's command run as the user
 * trin against a Mosquitto of the test's own, first unregistered (it waits and says what to run), then
 * with a key in /opt/trinity (it connects: event 102); an event queued while the broker is down survives
 * an upgrade to a newer package (the same one repacked with a higher version) and is delivered after it,
 * the configuration edits kept, a key the Python client left owned by root handed to trin; remove keeps
 * configuration and data, purge removes them and never the key. The user trin stays, as Debian does.
 *
 * <p>Runs only as root with dpkg (CI: Debian 12, as root), and only on a machine where trin is not
 * installed and /opt/trinity holds no key: it never touches a real device's identity. It leaves the
 * machine as it found it, but for the user trin.
 */
class DebianPackageIT {

    private static final Path DEB = Path.of(System.getProperty("trin.deb", "target/trin_0.1.0-SNAPSHOT_all.deb"));
    private static final Path KEY_DIR = Path.of("/opt/trinity");
    private static final Path PYTHON_SETTINGS = Path.of("/root/.config/trinmqtt");
    private static final Path UNIT = Path.of("/lib/systemd/system/trin.service");
    private static final String CID = "12345678";
    private static final Duration START = Duration.ofSeconds(60);
    /** The client retries an unprovisioned start every 30 s. */
    private static final Duration PROVISIONING = Duration.ofSeconds(50);

    @TempDir
    Path temp;

    private Mosquitto broker;
    private MqttProbe probe;
    private Process trin;
    private boolean keyDirCreated;
    private boolean pythonSettingsCreated;
    private boolean rootConfigCreated;
    private boolean installed;

    @Test
    void givenTheDebianPackage_whenInstalledRunUpgradedRemovedAndPurged_thenItBehavesAsDebianAndTheKeyStays()
            throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installs a package: runs as root only");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "no dpkg: not a Debian system");
        assumeTrue(Files.isRegularFile(DEB), "no package at " + DEB.toAbsolutePath() + ": run mvn package first");
        if (System.getenv("TRIN_REQUIRE_MOSQUITTO") == null) {
            assumeTrue(Mosquitto.available(), "mosquitto is not installed (apt-get install mosquitto)");
        }
        assumeFalse(run("dpkg-query", "-W", "-f=${Status}", "trin").output().contains("installed"),
                "the package trin is installed on this machine already: not touching it");
        assumeFalse(Files.exists(Path.of("/etc/trin")) || Files.exists(Path.of("/var/lib/trin")),
                "/etc/trin or /var/lib/trin exists already: not touching them");
        assumeFalse(Files.exists(KEY_DIR.resolve("trinqtt")) || Files.exists(KEY_DIR.resolve("trinqtt.cid")),
                "/opt/trinity holds a device's key: not touching it");

        lintian();

        // What the Python client leaves behind: its remotely changed settings, in root's home
        keyDirCreated = !Files.exists(KEY_DIR);
        if (!Files.exists(PYTHON_SETTINGS)) {
            rootConfigCreated = !Files.exists(PYTHON_SETTINGS.getParent());
            Files.createDirectories(PYTHON_SETTINGS);
            Files.writeString(PYTHON_SETTINGS.resolve("trinmqtt.ini"), "[DEFAULT]\npdrinterval = 1800\n", UTF_8);
            pythonSettingsCreated = true;
        }

        // Installed
        Result install = dpkg("-i", DEB.toString());
        installed = true;
        assertThat(install.code()).as("dpkg -i:\n" + install.output()).isZero();
        assertThat(install.output()).as("what postinst says").contains("sudo trin register <your Smart username>");
        stopServiceIfSystemdRuns();
        assertThat(run("getent", "passwd", "trin").output()).as("the system user")
                .matches("(?s)trin:x:\\d+:\\d+:[^:]*:/var/lib/trin:/usr/sbin/nologin\\s*");
        assertMode("/usr/bin/trin", "755 root root");
        assertMode("/usr/share/trin/bin/trin", "755 root root");
        assertMode("/usr/share/trin/lib", "755 root root");
        assertMode("/etc/trin", "755 root root");
        assertMode("/etc/trin/trin.client.cfg", "644 root root");
        assertMode("/etc/trin/trin.crypto.cfg", "644 root root");
        assertMode("/var/lib/trin", "750 trin trin");
        assertMode("/opt/trinity", "755 trin trin");
        assertMode(UNIT.toString(), "644 root root");
        assertMode("/usr/share/polkit-1/rules.d/trin.rules", "644 root root");
        assertMode("/usr/share/doc/trin/copyright", "644 root root");
        assertThat(Files.readSymbolicLink(Path.of("/usr/share/trin/conf"))).isEqualTo(Path.of("/etc/trin"));
        assertThat(Files.readSymbolicLink(Path.of("/usr/share/trin/data"))).isEqualTo(Path.of("/var/lib/trin"));
        assertThat(Path.of("/usr/share/trin/lib/devbroker")).as("the LOCAL broker").doesNotExist();
        assertThat(Path.of("/usr/share/trin/bundle/local")).as("the sample application").doesNotExist();
        assertThat(Path.of("/etc/trin/trin.examples.sample.cfg")).doesNotExist();
        assertThat(Files.readAllLines(Path.of("/var/lib/dpkg/info/trin.conffiles"), UTF_8)).as("conffiles")
                .contains("/etc/trin/trin.client.cfg", "/etc/trin/trin.crypto.cfg", "/etc/trin/trin.hw.linux.cfg",
                        "/etc/trin/trin.hw.raspberrypi.cfg", "/etc/trin/system.properties",
                        "/etc/trin/framework.properties", "/etc/trin/org.apache.felix.http.cfg");
        assertThat(Files.readString(Path.of("/etc/trin/trin.client.cfg"), UTF_8)).as("the platform layout")
                .contains("host=mqtt.trintel.co.za", "local=false", "trustEmptySender=false",
                        "outboxDir=/var/lib/trin/outbox");
        assertThat(Files.readString(Path.of("/etc/trin/trin.crypto.cfg"), UTF_8)).contains("keyDir=/opt/trinity");
        if (pythonSettingsCreated) {
            assertMode("/var/lib/trin/trinmqtt.ini", "640 trin trin");
            assertThat(Files.readString(Path.of("/var/lib/trin/trinmqtt.ini"), UTF_8)).contains("pdrinterval = 1800");
            assertThat(install.output()).contains("imported the Python client's settings from "
                    + PYTHON_SETTINGS.resolve("trinmqtt.ini"));
        }
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/trin.service")).as("enabled")
                .exists();
        systemdAnalyzeVerify();

        Map<String, String> unit = unit();
        assertThat(unit).containsEntry("User", "trin").containsEntry("WorkingDirectory", "/var/lib/trin")
                .containsEntry("Restart", "on-failure").containsEntry("ProtectSystem", "strict")
                .containsEntry("NoNewPrivileges", "yes").containsEntry("PrivateTmp", "yes")
                .containsEntry("ProtectHome", "yes");

        // The operator's edits: a broker of the test's own; the web console on a free port
        broker = Mosquitto.builder().start();
        probe = MqttProbe.builder(broker.uri()).subscribe("#").connect();
        edit("/etc/trin/trin.client.cfg", "host", "127.0.0.1");
        edit("/etc/trin/trin.client.cfg", "port", Integer.toString(broker.port()));
        edit("/etc/trin/org.apache.felix.http.cfg", "org.osgi.service.http.port",
                Integer.toString(Distribution.freePort()));

        // Unregistered: it runs, waits and says what to run
        Path log1 = temp.resolve("trin-1.log");
        trin = startService(unit, log1);
        awaitLog(log1, "Not connecting yet: The device is not provisioned: /opt/trinity/trinqtt.cid is missing\\. "
                + "Register it with .*sudo trin register <username>\\.", START);
        assertThat(trin.isAlive()).isTrue();
        Result uid = trinCommand("uid");
        assertThat(uid.code()).as("trin uid: " + uid.output()).isZero();
        String deviceUid = uid.output().strip();
        assertThat(deviceUid).matches("\\d+");
        Result settings = trinCommand("settings");
        if (pythonSettingsCreated) {
            assertThat(settings.output()).as("the imported settings").contains("1800");
        }

        // A key put there by root (as the Python client registered: sudo python3): the log says what to run
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(KEY_DIR.resolve("trinqtt"), key);
        run("chmod", "600", KEY_DIR.resolve("trinqtt").toString());
        Files.writeString(KEY_DIR.resolve("trinqtt.cid"), CID + "\n", UTF_8);
        awaitLog(log1, "/opt/trinity/trinqtt is not readable by trin, the user trin runs as\\. Give it to that user, "
                + "keeping it private: sudo chown trin /opt/trinity/trinqtt && sudo chmod 600 /opt/trinity/trinqtt",
                PROVISIONING);
        assertThat(read(log1)).as("the key never in the log").doesNotContain(java.util.HexFormat.of().formatHex(key));

        // Registered (as sudo trin register writes it: the user trin's, 0600): connects within the retry
        run("chown", "trin:trin", KEY_DIR.resolve("trinqtt").toString(), KEY_DIR.resolve("trinqtt.cid").toString());
        String events = CID + "/" + deviceUid + "/0/>";
        probe.awaitMessage(m -> m.topic().equals(events) && m.text().matches("(?s).*\\[\\d+,102,.*"),
                PROVISIONING);
        Result status = trinCommand("status");
        assertThat(status.code()).as("sudo trin status: " + status.output()).isZero();
        assertThat(status.output()).contains("CONNECTED");

        // The broker goes away; an event waits in the outbox
        broker.stop();
        awaitStatus(s -> !s.contains("CONNECTED"), "disconnected");
        Result event = trinCommand("event", "deb_test", "777", "queued while the broker is down");
        assertThat(event.code()).as("sudo trin event: " + event.output()).isZero();
        assertThat(event.output()).contains("Queued event 777");
        awaitStatus(s -> s.matches("(?s).*outbox\\s+[1-9]\\d* waiting.*"), "the event in the outbox");
        stopService(trin, log1);

        // Upgraded, the key left as the Python client would have it (root's) in the meantime
        run("chown", "root:root", KEY_DIR.resolve("trinqtt").toString(), KEY_DIR.resolve("trinqtt.cid").toString());
        String version = run("dpkg-query", "-W", "-f=${Version}", "trin").output().strip();
        Path newer = repack(version + "+1");
        Result upgrade = dpkg("-i", newer.toString());
        assertThat(upgrade.code()).as("dpkg -i (upgrade):\n" + upgrade.output()).isZero();
        stopServiceIfSystemdRuns();
        assertThat(run("dpkg-query", "-W", "-f=${Version}", "trin").output().strip()).isEqualTo(version + "+1");
        assertThat(upgrade.output()).contains("/opt/trinity/trinqtt (owned by root, left by the Python client) is "
                + "now the user trin's");
        assertMode("/opt/trinity/trinqtt", "600 trin trin");
        assertThat(Files.readString(Path.of("/etc/trin/trin.client.cfg"), UTF_8)).as("edits kept")
                .contains("host=127.0.0.1", "port=" + broker.port());
        try (Stream<Path> outbox = Files.list(Path.of("/var/lib/trin/outbox"))) {
            assertThat(outbox.count()).as("the outbox kept").isPositive();
        }

        broker.start();
        probe.close();
        probe = MqttProbe.builder(broker.uri()).subscribe("#").connect();
        Path log2 = temp.resolve("trin-2.log");
        trin = startService(unit, log2);
        String appEvents = CID + "/" + deviceUid + "/deb_test/>";
        probe.awaitMessage(m -> m.topic().equals(appEvents) && m.text().contains(",777,\"queued while the broker is down\""),
                START);
        stopService(trin, log2);

        // Removed: configuration and data stay
        Result remove = dpkg("-r", "trin");
        assertThat(remove.code()).as("dpkg -r:\n" + remove.output()).isZero();
        assertThat(Path.of("/usr/share/trin")).doesNotExist();
        assertThat(Path.of("/usr/bin/trin")).doesNotExist();
        assertThat(Files.readString(Path.of("/etc/trin/trin.client.cfg"), UTF_8)).contains("host=127.0.0.1");
        assertThat(Path.of("/var/lib/trin/felix-cache")).exists();

        // Purged: configuration and data go, never the key; the user stays, owning it
        Result purge = dpkg("-P", "trin");
        installed = false;
        assertThat(purge.code()).as("dpkg -P:\n" + purge.output()).isZero();
        assertThat(purge.output()).contains("kept the device's key in /opt/trinity");
        assertThat(Path.of("/etc/trin")).doesNotExist();
        assertThat(Path.of("/var/lib/trin")).doesNotExist();
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/trin.service"))
                .matches(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS), "no enablement left");
        assertThat(Path.of("/etc/systemd/system/trin.service"))
                .matches(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS), "no mask left");
        assertThat(Files.readAllBytes(KEY_DIR.resolve("trinqtt"))).isEqualTo(key);
        assertThat(run("getent", "passwd", "trin").code()).as("the user trin stays").isZero();
        assertThat(asTrin(List.of("test", "-r", KEY_DIR.resolve("trinqtt").toString())).code())
                .as("the key readable by trin").isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (trin != null && trin.isAlive()) {
            trin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (probe != null) {
            probe.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (installed) {
            dpkg("-P", "trin");
        }
        Files.deleteIfExists(KEY_DIR.resolve("trinqtt"));
        Files.deleteIfExists(KEY_DIR.resolve("trinqtt.cid"));
        if (keyDirCreated) {
            delete(KEY_DIR);
        }
        if (pythonSettingsCreated) {
            delete(rootConfigCreated ? PYTHON_SETTINGS.getParent() : PYTHON_SETTINGS);
        }
    }

    private static void lintian() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/lintian"))) {
            assertThat(System.getenv("TRIN_REQUIRE_MOSQUITTO")).as("lintian missing in CI (.ci/run installs it)")
                    .isNull();
            System.out.println("DebianPackageIT: lintian is not installed (apt-get install lintian): not run");
            return;
        }
        Result lintian = run("lintian", "--tag-display-limit", "0", DEB.toString());
        System.out.println("lintian " + DEB.getFileName() + ":\n" + lintian.output());
        assertThat(lintian.output()).as("lintian's errors").doesNotContainPattern("(?m)^E: ");
        assertThat(lintian.code()).as("lintian:\n" + lintian.output()).isZero();
    }

    private void systemdAnalyzeVerify() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            System.out.println("DebianPackageIT: systemd-analyze is missing (apt-get install systemd): the unit is "
                    + "not verified");
            return;
        }
        Result verify = run("systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.output()).as("systemd-analyze verify " + UNIT).isEmpty();
        assertThat(verify.code()).isZero();
    }

    /** The [Service] settings of the installed unit, the last of each name. */
    private static Map<String, String> unit() throws IOException {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(UNIT, UTF_8)) {
            Matcher m = Pattern.compile("^([A-Za-z]+)=(.*)$").matcher(line.strip());
            if (m.matches()) {
                settings.put(m.group(1), m.group(2).strip());
            }
        }
        return settings;
    }

    /** The unit's ExecStart, as systemd starts it: the user trin, its directory, no terminal, a bare environment. */
    private static Process startService(Map<String, String> unit, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + unit.get("User"),
                "--regid=" + unit.get("Group"), "--init-groups", "--no-new-privs", "env", "-i",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/var/lib/trin",
                "LANG=C.UTF-8"));
        command.addAll(List.of(unit.get("ExecStart").split("\\s+")));
        return new ProcessBuilder(command).directory(new File(unit.get("WorkingDirectory")))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGTERM, as systemctl stop sends it; a clean stop exits with 143 (SuccessExitStatus). */
    private static void stopService(Process process, Path log) throws Exception {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s:\n" + read(log)).isTrue();
        assertThat(process.exitValue()).as("exit code:\n" + read(log)).isIn(0, 143);
    }

    private void awaitLog(Path log, String regex, Duration timeout) throws Exception {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pattern.matcher(read(log)).find()) {
            assertThat(trin.isAlive()).as("trin running:\n" + read(log)).isTrue();
            assertThat(System.nanoTime() < deadline).as("/" + regex + "/ within " + timeout + ":\n" + read(log))
                    .isTrue();
            Thread.sleep(100);
        }
    }

    private static void awaitStatus(java.util.function.Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Result status;
        while (!condition.test((status = trinCommand("status")).output())) {
            assertThat(System.nanoTime() < deadline).as(what + " within 30 s; sudo trin status:\n" + status.output())
                    .isTrue();
            Thread.sleep(200);
        }
    }

    /** /usr/bin/trin as the operator types it, as root (sudo trin ...). */
    private static Result trinCommand(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/trin"));
        command.addAll(List.of(args));
        return run(command);
    }

    /** The package repacked with another version: an upgrade with the same files. */
    private Path repack(String version) throws IOException, InterruptedException {
        Path root = temp.resolve("repack");
        assertThat(run("dpkg-deb", "-R", DEB.toString(), root.toString()).code()).isZero();
        Path control = root.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control, UTF_8).replaceFirst("(?m)^Version: .*$",
                "Version: " + version), UTF_8);
        Path deb = temp.resolve("trin_" + version + "_all.deb");
        Result build = run("dpkg-deb", "-b", root.toString(), deb.toString());
        assertThat(build.code()).as("dpkg-deb -b: " + build.output()).isZero();
        return deb;
    }

    private static void stopServiceIfSystemdRuns() throws IOException, InterruptedException {
        // postinst starts the service where systemd runs; the test runs the unit's command itself
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            run("systemctl", "stop", "trin.service");
        }
    }

    private static void assertMode(String path, String expected) throws IOException, InterruptedException {
        assertThat(run("stat", "-c", "%a %U %G", path).output().strip()).as("mode and owner of " + path)
                .isEqualTo(expected);
    }

    private static void edit(String file, String name, String value) throws IOException {
        Path path = Path.of(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path, UTF_8));
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*=.*$");
        lines.replaceAll(l -> line.matcher(l).matches() ? name + "=" + value : l);
        if (!lines.contains(name + "=" + value)) {
            lines.add(name + "=" + value);
        }
        Files.write(path, lines, UTF_8);
    }

    private static Result asTrin(List<String> command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=trin", "--regid=trin", "--init-groups"));
        all.addAll(command);
        return run(all);
    }

    private static Result dpkg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dpkg", "--force-confdef", "--force-confold"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("trin-deb-it", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectOutput(out.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, UTF_8) : "";
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Result(int code, String output) {
    }
}
