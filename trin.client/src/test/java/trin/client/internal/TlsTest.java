package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.client.ConnectionState;
import trin.testkit.Await;
import trin.testkit.Mosquitto;
import trin.testkit.Relay;
import trin.testkit.TestCertificates;

/** TLS to Mosquitto with a CA file and a certificate made by the test: trusted, checked, or refused. */
class TlsTest {

    @TempDir
    static Path certs;

    static TestCertificates certificates;
    static TestCertificates strangers;
    static Mosquitto mosquitto;

    @TempDir
    Path dir;

    ClientHarness harness;

    @BeforeAll
    static void startBroker() throws Exception {
        BrokerKind.requireMosquitto();
        certificates = TestCertificates.generate(certs.resolve("ours"));
        strangers = TestCertificates.generate(certs.resolve("strangers"));
        mosquitto = Mosquitto.builder().tls(certificates.caPem(), certificates.serverPem(), certificates.serverKey())
                .start();
    }

    @AfterAll
    static void stopBroker() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @AfterEach
    void stopClient() {
        if (harness != null) {
            harness.stopClient();
            harness.platform.close();
        }
    }

    private ClientHarness device(Path caFile, String host) throws Exception {
        harness = new ClientHarness(Broker.mosquitto(mosquitto), dir).with("tls", true).with("host", host)
                .with("port", mosquitto.tlsPort()).with("caFile", caFile.toString());
        harness.connectPlatform();
        return harness;
    }

    @Test
    void connectsWithTheCaFileAndAnswersCommands() throws Exception {
        device(certificates.caPem(), "localhost").start();

        harness.handler("my_app_id", c -> trin.api.command.Reply.ok(42)).refreshServices();
        harness.command("my_app_id", Scenarios.c("tls", "answer"));

        assertThat(Scenarios.x(harness.awaitReply("my_app_id", "tls"))).isEqualTo("[0,0,42]");
        assertThat(harness.client.status().broker()).isEqualTo("ssl://localhost:" + mosquitto.tlsPort());
    }

    @Test
    void refusesABrokerWhoseCertificateTheCaFileDoesNotVouchFor() throws Exception {
        try (Relay relay = new Relay(mosquitto.tlsPort())) {
            device(strangers.caPem(), "localhost").with("port", relay.port()).startClient();

            // a second attempt: the first one failed, and the client goes on trying
            Await.until("a second attempt", ClientHarness.WAIT, () -> relay.accepted() >= 2);

            assertThat(harness.client.status().state()).isEqualTo(ConnectionState.CONNECTING);
            assertThat(harness.client.status().lastConnect()).isEmpty();
            assertThat(harness.platform.messages()).isEmpty();
        }
    }

    /**
     * A TLS server on 127.0.0.2 with the broker's certificate, which names
     * localhost and 127.0.0.1 only: the handshake must fail on the name,
     * while the same server on 127.0.0.1 completes it.
     */
    @Test
    void checksTheBrokersHostName() throws Exception {
        assertThat(handshake("127.0.0.2")).isFalse();
        assertThat(handshake("127.0.0.1")).isTrue();
    }

    private boolean handshake(String address) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certificates.keystore())) {
            keys.load(in, certificates.keystorePassword());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, certificates.keystorePassword());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getByName(address))) {
            CompletableFuture<Boolean> handshake = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getInputStream().read(); // the client's CONNECT, once it trusts us
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            harness = new ClientHarness(Broker.mosquitto(mosquitto), dir.resolve(address)).with("tls", true)
                    .with("host", address).with("port", server.getLocalPort())
                    .with("caFile", certificates.caPem().toString());
            harness.connectPlatform();
            harness.startClient();
            try {
                return handshake.get(20, TimeUnit.SECONDS);
            } finally {
                stopClient();
                harness = null;
            }
        }
    }
}
