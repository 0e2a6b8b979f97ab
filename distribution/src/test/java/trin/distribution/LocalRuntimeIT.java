package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import trin.devbroker.KeyDirs;
import trin.devbroker.LoginAttempt;
import trin.devbroker.SmartBroker;
import trin.testkit.MqttProbe;

/**
 * The built distribution, run as systemd runs it: {@code bin/trin} as a
 * process without a terminal. The local broker's port is changed in the
 * copy's {@code conf/trin.client.cfg}, as a user would, so that 1883 need not
 * be free.
 */
class LocalRuntimeIT extends RuntimeTestSupport {

    private static final String SEED_COMMAND = "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}";

    @Test
    void givenTheShippedLocalSetUp_whenStartedWithoutATerminal_thenItAnswersTheSeedsCommandAndStopsCleanly()
            throws Exception {
        int port = Distribution.freePort();
        trin = Distribution.copy(temp).set("trin.client.cfg", "port", Integer.toString(port)).start();

        Matcher connected = trin.awaitLog(
                "^\\[INFO\\] BrokerConnection - Connected to tcp://localhost:" + port + " as (\\S+) in \\d+ ms$",
                START);
        System.out.printf("trin: launch to connected in %d ms%n", trin.sinceStart().toMillis());
        String uid = connected.group(1);
        String cid = Files.readString(trin.home().resolve("data/local-key/trinqtt.cid"), UTF_8).strip();
        assertThat(cid).isEqualTo("00000000");
        trin.awaitLog(Pattern.quote("mosquitto_pub -d -h localhost -p " + port + " -t '00000000/" + uid
                + "/my_app_id/</' -m '" + SEED_COMMAND + "' -q 1"), WAIT);
        assertThat(trin.log())
                .contains("LOCAL development broker listening on 127.0.0.1:" + port + " (not the Smart platform)");
        assertThat(Files.getPosixFilePermissions(trin.home().resolve("data/local-key/trinqtt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        probe = MqttProbe.builder("tcp://127.0.0.1:" + port).subscribe(cid + "/#").connect();
        probe.publish(cid + "/" + uid + "/my_app_id/</", SEED_COMMAND, 1, false);
        MqttProbe.Received reply = probe.awaitMessage(cid + "/" + uid + "/my_app_id/>/>a_tct", WAIT);
        assertThat(reply.text()).isEqualTo("{\"x\":[0,0,6]}");

        probe.clear();
        probe.publish(cid + "/" + uid + "/my_app_id/</",
                "{\"c\": [123456789,\">bad\", [\"sum_these\",1,\"two\"]]}", 1, false);
        assertThat(probe.awaitMessage(cid + "/" + uid + "/my_app_id/>/>bad", WAIT).text())
                .isEqualTo("{\"x\":[0,-300,\"NAC arguments must be numbers\"]}");

        Distribution.Result status = trin.tool("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.output()).contains("CONNECTED").contains("LOCAL").contains(uid).contains("00000000");

        Distribution.Result tried = trin.tool("try");
        assertThat(tried.exitCode()).as(tried.output()).isZero();
        assertThat(tried.output()).contains("Reply on " + cid + "/" + uid + "/my_app_id/>/>a_tct: {\"x\":[0,0,6]}");

        probe.clear();
        int exit = trin.terminate(Duration.ofSeconds(40));

        assertThat(exit).as("exit code after SIGTERM\n" + trin.log()).isIn(0, 143);
        assertThat(trin.log()).contains("Stopping trin (stop signal").contains("trin stopped")
                .doesNotContain("[ERROR]").doesNotContain("ERROR :");
        MqttProbe.Received will = probe.awaitMessage(cid + "/" + uid + "/0/>", WAIT);
        assertThat(will.text()).contains(",101,");
        assertThat(trin.tool("status").exitCode()).as("status once stopped").isEqualTo(3);
    }

    /**
     * A jar replaced in {@code bundle/} is updated in the framework at the next start, and only that one:
     * the others, unchanged, are recognised by their recorded file stamps without being read again.
     */
    @Test
    void givenAJarChangedInTheBundleDirectory_whenRestarted_thenThatBundleAloneIsUpdated() throws Exception {
        int port = Distribution.freePort();
        trin = Distribution.copy(temp).set("trin.client.cfg", "port", Integer.toString(port)).start();
        String connected = "^\\[INFO\\] BrokerConnection - Connected to tcp://localhost:" + port + " as \\S+ in \\d+ ms$";
        trin.awaitLog(connected, START);
        assertThat(trin.terminate(Duration.ofSeconds(40))).isIn(0, 143);
        Path jar;
        try (Stream<Path> jars = Files.list(trin.home().resolve("bundle/local"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("trin.examples-")).findFirst().orElseThrow();
        }
        // The same bundle with one more entry: another checksum, as a rebuilt jar would have.
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Files.writeString(zip.getPath("CHANGED.txt"), "a new build");
        }

        trin.start();
        trin.awaitLog(connected, START);

        assertThat(trin.log()).contains("[INFO] BundleSync - Updated trin.examples from " + jar.getFileName());
        assertThat(Pattern.compile("BundleSync - Updated ").matcher(trin.log()).results().count())
                .as("bundles updated\n" + trin.log()).isEqualTo(1);
        assertThat(trin.terminate(Duration.ofSeconds(40))).isIn(0, 143);
    }

    /**
     * Class data sharing: a clean stop leaves an archive of the classes the run loaded; the next start checks it
     * and takes the launcher's classes from it; an archive cut short since is never given to the JVM (which
     * would crash on it): it is removed, the start goes on without, and its clean stop makes a new one. The
     * archive of a run that never started (its port taken) is not used either.
     */
    @Test
    void givenACleanStop_whenStartedAgain_thenItsClassesComeFromTheArchiveOfTheFirstRun() throws Exception {
        int port = Distribution.freePort();
        String connected = "^\\[INFO\\] BrokerConnection - Connected to tcp://localhost:" + port + " as \\S+ in \\d+ ms$";
        trin = Distribution.copy(temp);
        Path cds = trin.home().resolve("data/cds");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            trin.set("trin.client.cfg", "port", Integer.toString(taken.getLocalPort())).start();
            assertThat(trin.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(trin.process().exitValue()).isEqualTo(1);
        }
        assertThat(names(cds)).as("a failed start's archive, not marked as started")
                .singleElement(as(STRING)).matches("trin-\\d+\\.jsa\\.part");

        Path classes = temp.resolve("classes-1.log");
        trin.set("trin.client.cfg", "port", Integer.toString(port)).start("-Xlog:class+load=info:file=" + classes);
        trin.awaitLog(connected, START);
        assertThat(Files.readString(classes)).contains("trin.launcher.Main source: file:")
                .doesNotContain("shared objects file (top)");
        assertThat(trin.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        assertThat(names(cds)).hasSize(2).allMatch(name -> name.matches("trin-\\d+\\.jsa\\.part(\\.started)?"));

        classes = temp.resolve("classes-2.log");
        trin.start("-Xlog:class+load=info:file=" + classes);
        trin.awaitLog(connected, START);

        assertThat(names(cds)).singleElement(as(STRING)).matches("trin-\\d+-\\d+\\.jsa");
        Path archive = cds.resolve(names(cds).get(0));
        assertThat(archive.getFileName().toString()).endsWith("-" + Files.size(archive) + ".jsa");
        assertThat(Files.readString(classes)).contains("trin.launcher.Main source: shared objects file (top)");
        assertThat(trin.log()).doesNotContain("[warning]").doesNotContain("[cds");
        assertThat(trin.terminate(Duration.ofSeconds(60))).isIn(0, 143);

        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            file.truncate(Files.size(archive) / 2);
        }
        classes = temp.resolve("classes-3.log");
        trin.start("-Xlog:class+load=info:file=" + classes);
        trin.awaitLog(connected, START);

        assertThat(archive).doesNotExist();
        assertThat(Files.readString(classes)).contains("trin.launcher.Main source: file:")
                .doesNotContain("shared objects file (top)");
        assertThat(trin.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        assertThat(names(cds)).hasSize(2).allMatch(name -> name.matches("trin-\\d+\\.jsa\\.part(\\.started)?"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void givenConfNamingAnotherBrokerAndKeyDirectory_thenItUsesThoseAndStartsNoBrokerOfItsOwn() throws Exception {
        String cid = "12345678";
        String uid = "123456789012345";
        byte[] key = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        platform = SmartBroker.builder().start().register(cid, uid, key);
        Path keyDir = KeyDirs.provision(temp.resolve("key"), cid, key);
        trin = Distribution.copy(temp)
                .set("trin.client.cfg", "host", "127.0.0.1")
                .set("trin.client.cfg", "port", Integer.toString(platform.port()))
                .set("trin.client.cfg", "local", "false")
                .set("trin.client.cfg", "trustEmptySender", "false")
                .set("trin.crypto.cfg", "keyDir", keyDir.toString())
                .set("trin.hw.linux.cfg", "uid", uid)
                .set("trin.hw.raspberrypi.cfg", "cpuinfo", temp.resolve("no-cpuinfo").toString())
                .start();

        trin.awaitLog(
                "^\\[INFO\\] BrokerConnection - Connected to tcp://127.0.0.1:" + platform.port() + " as " + uid + " in \\d+ ms$",
                START);

        assertThat(platform.logins()).contains(new LoginAttempt(uid, cid + uid, true, "device"));
        assertThat(trin.log()).contains("no local broker started").doesNotContain("LOCAL development broker");
        assertThat(trin.home().resolve("data/local-key")).doesNotExist();
        Distribution.Result status = trin.tool("status");
        assertThat(status.output()).contains("CONNECTED").doesNotContain("LOCAL").contains(cid);

        assertThat(trin.terminate(Duration.ofSeconds(40))).isIn(0, 143);
    }

    @Test
    void givenTheLocalBrokersPortTaken_whenStarted_thenItExitsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            trin = Distribution.copy(temp).set("trin.client.cfg", "port", Integer.toString(taken.getLocalPort()))
                    .start();

            assertThat(trin.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(trin.process().exitValue()).isEqualTo(1);
            assertThat(trin.log()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("port=... in conf/trin.client.cfg");
        }
    }

    @Test
    void givenNoRuntime_whenStatus_thenNotRunning() throws Exception {
        trin = Distribution.copy(temp);

        Distribution.Result status = trin.tool("status");

        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.output()).contains("trin is not running");
    }
}
