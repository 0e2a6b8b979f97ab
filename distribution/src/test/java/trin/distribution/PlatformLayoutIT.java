package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.devbroker.KeyDirs;
import trin.devbroker.SmartBroker;
import trin.testkit.MqttProbe;

/**
 * The sample application and the LOCAL development broker belong to the LOCAL set-up only: a
 * runtime switched to the platform layout ({@code cp conf/platform/*.cfg conf/}, as the README
 * says) has neither. The platform is played by a Smart broker on this machine, and the same
 * distribution directory runs first LOCAL, then on the "platform", as a user's would.
 */
class PlatformLayoutIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String APP = "my_app_id";

    @TempDir
    Path temp;

    private Distribution trin;
    private MqttProbe probe;
    private SmartBroker platform;

    @AfterEach
    void cleanUp() {
        if (probe != null) {
            probe.close();
        }
        if (trin != null) {
            trin.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void givenARuntimeSwitchedFromTheLocalSetUpToThePlatformLayout_thenTheSampleIsGone_andNothingIsPublishedForIt()
            throws Exception {
        // LOCAL: the sample is there, and publishes its loop event every second
        int port = Distribution.freePort();
        trin = Distribution.copy(temp).set("trin.client.cfg", "port", Integer.toString(port))
                .set("trin.examples.sample.cfg", "eventInterval", "1").start();
        String uid = trin.awaitLog("^\\[INFO\\] Session - Connected to tcp://localhost:" + port + " as (\\S+) in \\d+ ms$", START)
                .group(1);
        probe = MqttProbe.builder("tcp://127.0.0.1:" + port).subscribe("00000000/#").connect();
        probe.awaitMessage(m -> m.topic().equals("00000000/" + uid + "/" + APP + "/>")
                && m.text().contains("Loop Counter"), WAIT);
        probe.close();
        probe = null;
        assertThat(trin.terminate(Duration.ofSeconds(40))).isIn(0, 143);

        // The switch, then the same device on the "platform", which reports its health every 2 s
        String cid = "12345678";
        byte[] key = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        platform = SmartBroker.builder().start().register(cid, uid, key).addUser("platform", "secret");
        probe = MqttProbe.builder(platform.uri()).credentials("platform", "secret").subscribe(cid + "/#").connect();
        Path classes = temp.resolve("classes.log");
        trin.platformLayout()
                .set("trin.client.cfg", "host", "127.0.0.1")
                .set("trin.client.cfg", "port", Integer.toString(platform.port()))
                .set("trin.client.cfg", "settingsFile", temp.resolve("trinmqtt.ini").toString())
                .set("trin.client.cfg", "pdrInterval", "2")
                .set("trin.crypto.cfg", "keyDir", KeyDirs.provision(temp.resolve("key"), cid, key).toString())
                .set("trin.hw.linux.cfg", "uid", uid)
                .set("trin.hw.raspberrypi.cfg", "cpuinfo", temp.resolve("no-cpuinfo").toString())
                .start("-Xlog:class+load=info:file=" + classes);

        trin.awaitLog("^\\[INFO\\] Session - Connected to tcp://127.0.0.1:" + platform.port() + " as " + uid + " in \\d+ ms$",
                START);
        String reports = cid + "/" + uid + "/0/>";
        MqttProbe.Received first = probe.awaitMessage(m -> m.topic().equals(reports) && m.text().startsWith("{\"d\""),
                WAIT);
        MqttProbe.Received second = probe.awaitMessage(m -> m.index() > first.index() && m.topic().equals(reports)
                && m.text().startsWith("{\"d\""), WAIT);

        // By the second periodic report, a sample publishing every second would have published
        List<MqttProbe.Received> upToThen = probe.messages().stream().filter(m -> m.index() <= second.index())
                .toList();
        assertThat(upToThen).extracting(MqttProbe.Received::topic).as("messages for the sample's PID")
                .noneMatch(topic -> topic.startsWith(cid + "/" + uid + "/" + APP + "/"));
        assertThat(first.text()).as("a health report of trin.health").contains("cpu").doesNotContain(APP);
        assertThat(second.text()).doesNotContain(APP);
        assertThat(trin.log()).contains("Uninstalled trin.examples: it belongs to the LOCAL development set-up")
                .contains("no local broker started").doesNotContain("LOCAL development broker");

        assertThat(trin.terminate(Duration.ofSeconds(40))).isIn(0, 143);
        assertThat(installedLocations()).as("bundles in the framework cache").isNotEmpty()
                .anyMatch(location -> location.contains("trin.client"))
                .noneMatch(location -> location.contains("trin.examples"));
        String loaded = Files.readString(classes, UTF_8);
        assertThat(loaded).as("classes the JVM loaded").contains("trin.launcher.Main")
                .doesNotContain("trin.devbroker.").doesNotContain("io.moquette.").doesNotContain("io.netty.");
    }

    /** The location of every bundle in Felix's cache: {@code bundleN/bundle.info} starts with the id and the location. */
    private List<String> installedLocations() throws IOException {
        try (Stream<Path> infos = Files.walk(trin.home().resolve("data/felix-cache"), 2)) {
            return infos.filter(p -> p.getFileName().toString().equals("bundle.info")).map(p -> {
                try {
                    return Files.readString(p, UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
