package trin.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import trin.devbroker.KeyDirs;
import trin.devbroker.SmartBroker;
import trin.testkit.MqttProbe;
import trin.testkit.ReleaseKey;

/**
 * An {@code upgrade_client} whose trial outlives the JVM: the gateway is killed ({@code kill -9}) while the
 * new client cannot reach the platform, and the client that starts after it watches the rest of the trial and
 * puts the previous bundle back at the deadline, then says so (event 105) once the platform is back.
 */
class UpgradeRestartIT extends RuntimeTestSupport {

    private static final String CID = "12345678";
    private static final String UID = "123456789012345";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final int TRIAL_SECONDS = 15;

    @Test
    void givenAJvmKilledDuringAnUpgradesTrial_whenItStartsAgainAndCannotConnect_thenTheTrialEndsInARollback()
            throws Exception {
        platform = SmartBroker.builder().start().register(CID, UID, KEY).addUser("platform", "secret");
        Path upgrades = Files.createDirectories(temp.resolve("upgrades"));
        ReleaseKey owner = ReleaseKey.generate(temp.resolve("keys"), "owner");
        trin = Distribution.copy(temp);
        trin.platformLayout()
                .set("trin.client.cfg", "host", "127.0.0.1")
                .set("trin.client.cfg", "port", Integer.toString(platform.port()))
                .set("trin.client.cfg", "settingsFile", temp.resolve("trinmqtt.ini").toString())
                .set("trin.client.cfg", "reconnectMaxDelay", "1")
                .set("trin.client.cfg", "upgradeLocation", upgrades.toString())
                .set("trin.client.cfg", "upgradeTrust", owner.certificate().toString())
                .set("trin.client.cfg", "upgradeRollbackAfter", Integer.toString(TRIAL_SECONDS))
                .set("trin.crypto.cfg", "keyDir", KeyDirs.provision(temp.resolve("key"), CID, KEY).toString())
                .set("trin.hw.linux.cfg", "uid", UID)
                .set("trin.hw.raspberrypi.cfg", "cpuinfo", temp.resolve("no-cpuinfo").toString())
                .start();
        String connected = "^\\[INFO\\] BrokerConnection - Connected to tcp://127.0.0.1:" + platform.port() + " as "
                + UID + " in \\d+ ms$";
        trin.awaitLog(connected, START);
        // The new jar: the client as shipped, signed by the owner (the point is the trial, not what is in it)
        try (Stream<Path> jars = Files.list(trin.home().resolve("bundle"))) {
            Path shipped = jars.filter(p -> p.getFileName().toString().startsWith("trin.client-")).findFirst()
                    .orElseThrow();
            owner.sign(Files.copy(shipped, upgrades.resolve("trin.client.jar")));
        }
        String events = CID + "/" + UID + "/0/>";
        probe = MqttProbe.builder(platform.uri()).credentials("platform", "secret").subscribe(CID + "/#").connect();

        probe.publish(CID + "/" + UID + "/0/</000000000000000", "{\"c\":[0,\"up\",[\"upgrade_client\"]]}", 1, false);
        assertThat(probe.awaitMessage(events + "/up", WAIT).text()).isEqualTo("{\"x\":[0,0,\"OK. Upgrading the client.\"]}");
        // The upgrade acts a second after its reply: the platform goes away before the new client can connect
        int port = platform.port();
        platform.close();
        probe.close();
        probe = null;
        trin.awaitLog("BundleSwap - Updated bundle trin\\.client to ", WAIT);
        Process first = trin.process();
        first.destroyForcibly();
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();

        trin.start();
        trin.awaitLog("Upgrader - Resuming the watch of the upgrade trin\\.client ", START);
        trin.awaitLog("Upgrader - Upgrade failed: the client did not connect within " + TRIAL_SECONDS + " s",
                Duration.ofSeconds(TRIAL_SECONDS + 30));
        trin.awaitLog("Upgrader - Upgrade rolled back", WAIT);
        // The platform again, on its port; the device may log in once the probe listens.
        platform = SmartBroker.builder().port(port).start().addUser("platform", "secret");
        probe = MqttProbe.builder(platform.uri()).credentials("platform", "secret").subscribe(CID + "/#").connect();
        platform.register(CID, UID, KEY);

        MqttProbe.Received rolledBack = probe.awaitMessage(m -> m.topic().equals(events) && m.text().contains(",105,"),
                WAIT);
        assertThat(rolledBack.text()).contains("Upgrade rolled back (the client did not connect within "
                + TRIAL_SECONDS + " s): trin.client ");
        assertThat(trin.log()).doesNotContain("Upgrade confirmed");
        assertThat(trin.terminate(Duration.ofSeconds(40))).isIn(0, 143);
    }
}
