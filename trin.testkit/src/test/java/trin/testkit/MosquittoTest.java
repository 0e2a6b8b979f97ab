package trin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void requireMosquitto() {
        assumeTrue(Mosquitto.available(), "mosquitto is not installed (apt-get install mosquitto)");
    }

    @Test
    void givenTwoProbesThenAMessagePassesBetweenThem() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.builder().start();
                MqttProbe receiver = MqttProbe.builder(mosquitto.uri()).subscribe("a/#").connect();
                MqttProbe sender = MqttProbe.builder(mosquitto.uri()).connect()) {
            sender.publish("a/b", "hello", 1, false);

            MqttProbe.Received message = receiver.awaitMessage("a/b", WAIT);
            assertThat(message.text()).isEqualTo("hello");
            assertThat(mosquitto.log()).contains("New client connected");
        }
    }

    @Test
    void givenARestartThenClientsAreDroppedAndTheSamePortServesAgain() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.builder().start()) {
            int port = mosquitto.port();
            MqttProbe before = MqttProbe.builder(mosquitto.uri()).connect();

            mosquitto.stop();
            assertThat(mosquitto.isRunning()).isFalse();
            mosquitto.start();

            assertThat(mosquitto.port()).isEqualTo(port);
            before.awaitConnectionLost(WAIT);
            before.close();
            try (MqttProbe receiver = MqttProbe.builder(mosquitto.uri()).subscribe("t").connect();
                    MqttProbe sender = MqttProbe.builder(mosquitto.uri()).connect()) {
                sender.publish("t", "after restart", 0, false);
                assertThat(receiver.awaitMessages(1, WAIT).get(0).text()).isEqualTo("after restart");
            }
        }
    }

    @Test
    void givenAKill9ThenTheProcessIsGoneWithoutGoodbyeAndARestartServesTheSamePort() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.builder().start()) {
            int port = mosquitto.port();
            MqttProbe before = MqttProbe.builder(mosquitto.uri()).connect();

            long pid = mosquitto.kill9();

            assertThat(mosquitto.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(mosquitto.log()).contains(" running").doesNotContain("terminating");
            before.awaitConnectionLost(WAIT);
            before.close();
            assertThatThrownBy(mosquitto::kill9).isInstanceOf(IllegalStateException.class);

            mosquitto.start();
            mosquitto.crashAndRestart();

            assertThat(mosquitto.port()).isEqualTo(port);
            try (MqttProbe receiver = MqttProbe.builder(mosquitto.uri()).subscribe("t").connect();
                    MqttProbe sender = MqttProbe.builder(mosquitto.uri()).connect()) {
                sender.publish("t", "after kill -9", 0, false);
                assertThat(receiver.awaitMessages(1, WAIT).get(0).text()).isEqualTo("after kill -9");
            }
        }
    }

    @Test
    void givenTheTestCaThenAClientConnectsOverTls(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.generate(dir);
        try (Mosquitto mosquitto = Mosquitto.builder().tls(certs.caPem(), certs.serverPem(), certs.serverKey()).start();
                MqttProbe probe = MqttProbe.builder(mosquitto.tlsUri()).socketFactory(certs.socketFactory())
                        .subscribe("secure/#").connect()) {
            probe.publish("secure/x", "over tls", 1, false);

            assertThat(probe.awaitMessages(1, WAIT).get(0).text()).isEqualTo("over tls");
            assertThat(mosquitto.tlsUri()).startsWith("ssl://localhost:");
        }
    }

    @Test
    void givenAMissingKeyFileThenStartFailsWithTheLog(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> Mosquitto.builder().tls(missing, missing, missing).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mosquitto exited with status")
                .hasMessageContaining("missing.pem");
    }

    @Test
    void givenATakenPortThenStartFailsSayingSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Mosquitto.builder().port(taken.getLocalPort()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void givenClosedThenTheProcessIsGoneAndItsDirectoryDeleted() throws Exception {
        Mosquitto mosquitto = Mosquitto.builder().start();
        Path log = mosquitto.logFile();

        mosquitto.close();

        assertThat(mosquitto.isRunning()).isFalse();
        assertThat(log.getParent()).doesNotExist();
    }
}
