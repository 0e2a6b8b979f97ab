package trin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trin.devbroker.LoginAttempt;
import trin.devbroker.SmartBroker;
import trin.devbroker.SmartPassword;

class SmartBrokerTest {

    private static final String CID = "1234";
    private static final String UID = "AAA0000DEADBEEF";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private SmartBroker broker;

    @BeforeEach
    void startBroker() {
        broker = SmartBroker.builder().start()
                .register(CID, UID, KEY)
                .addUser("platform", "secret");
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void givenTheRightPasswordThenTheDeviceIsAccepted() throws Exception {
        try (MqttProbe device = connectDevice(CID + UID, password(KEY, now()))) {
            assertThat(device.isConnected()).isTrue();
        }
        assertThat(broker.logins()).containsExactly(new LoginAttempt(UID, CID + UID, true, "device"));
    }

    @Test
    void givenAnotherKeyThenTheDeviceIsRejected() {
        byte[] otherKey = "another key".getBytes(StandardCharsets.US_ASCII);

        assertRejected(CID + UID, password(otherKey, now()), "wrong key");
    }

    @Test
    void givenAUsernameWithoutTheCidThenTheDeviceIsRejected() {
        assertRejected(UID, password(KEY, now()), "wrong username");
    }

    @Test
    void givenASaltOutsideTheWindowThenTheDeviceIsRejected() {
        assertRejected(CID + UID, password(KEY, now() - 330), "stale salt");
        assertRejected(CID + UID, password(KEY, now() + 330), "stale salt");
    }

    @Test
    void givenAFixedClockAndANarrowWindowThenTheGoldenPasswordIsJudgedByThatClock() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_010L), ZoneOffset.UTC);
        try (SmartBroker fixed = SmartBroker.builder().clock(clock).saltWindow(Duration.ofSeconds(10)).start()
                .register(CID, UID, KEY)) {
            MqttProbe.builder(fixed.uri()).clientId(UID)
                    .credentials(CID + UID, "APFTZSCPeDdK3Bp5veaDPMgbm/TIjIpt").connect().close();
            assertThatThrownBy(() -> MqttProbe.builder(fixed.uri()).clientId(UID)
                    .credentials(CID + UID, password(KEY, 1_699_999_999L)).connect())
                    .isInstanceOf(MqttSecurityException.class);

            assertThat(fixed.logins()).extracting(LoginAttempt::reason).containsExactly("device", "stale salt");
        }
    }

    @Test
    void givenATakenPortThenStartFailsSayingSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            SmartBroker blocked = SmartBroker.builder().port(taken.getLocalPort()).build();

            assertThatThrownBy(blocked::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
            assertThat(blocked.isRunning()).isFalse();
        }
    }

    @Test
    void givenAPasswordAcceptedBeforeThenItIsRejected() throws Exception {
        String password = password(KEY, now());
        connectDevice(CID + UID, password).close();

        assertRejected(CID + UID, password, "replayed password");
    }

    @Test
    void givenAnUnknownClientIdThenTheLoginIsRejected() {
        assertThatThrownBy(() -> MqttProbe.builder(broker.uri()).clientId("stranger")
                .credentials(CID + "stranger", password(KEY, now())).connect())
                .isInstanceOf(MqttSecurityException.class);
        assertThat(broker.logins()).last().extracting(LoginAttempt::reason).isEqualTo("unknown client id");
    }

    @Test
    void givenARestartThenTheSamePortAcceptsANewPasswordButNotTheOldOne() throws Exception {
        int port = broker.port();
        String first = password(KEY, now());
        MqttProbe device = connectDevice(CID + UID, first);

        broker.stop();
        broker.start();

        assertThat(broker.port()).isEqualTo(port);
        device.awaitConnectionLost(WAIT);
        device.close();
        connectDevice(CID + UID, password(KEY, now() + 1)).close();
        assertRejected(CID + UID, first, "replayed password");
    }

    @Test
    void givenOperatorCredentialsThenOnlyTheRightPasswordIsAccepted() throws Exception {
        MqttProbe.builder(broker.uri()).credentials("platform", "secret").connect().close();

        assertThatThrownBy(() -> MqttProbe.builder(broker.uri()).credentials("platform", "guess").connect())
                .isInstanceOf(MqttSecurityException.class);
        assertThat(broker.logins()).extracting(LoginAttempt::reason)
                .containsExactly("operator", "wrong operator password");
    }

    @Test
    void givenNoCredentialsThenTheLoginIsRejectedUnlessAnonymousIsAllowed() throws Exception {
        assertThatThrownBy(() -> MqttProbe.builder(broker.uri()).connect())
                .isInstanceOf(MqttException.class);

        try (SmartBroker open = SmartBroker.builder().allowAnonymous(true).start();
                MqttProbe anonymous = MqttProbe.builder(open.uri()).connect()) {
            assertThat(anonymous.isConnected()).isTrue();
        }
    }

    @Test
    void givenTheDeviceAndThePlatformThenMessagesFlowBothWays() throws Exception {
        try (MqttProbe platform = MqttProbe.connect(broker.uri(), "platform", "secret", CID + "/" + UID + "/+/>/#");
                MqttProbe device = connectDevice(CID + UID, password(KEY, now()))) {
            device.subscribe(CID + "/" + UID + "/+/</#", 1);

            device.publish(CID + "/" + UID + "/0/>", "{\"d\":[0,1]}", 1, false);
            platform.publish(CID + "/" + UID + "/0/</000000000000000/0/t1", "{\"c\":[0,\"t1\",[\"get\",\"uid\"]]}", 1, false);

            MqttProbe.Received data = platform.awaitMessage(CID + "/" + UID + "/0/>", WAIT);
            assertThat(data.text()).isEqualTo("{\"d\":[0,1]}");
            assertThat(data.qos()).isEqualTo(1);
            assertThat(data.retained()).isFalse();
            MqttProbe.Received command = device.awaitMessages(1, WAIT).get(0);
            assertThat(command.topic()).isEqualTo(CID + "/" + UID + "/0/</000000000000000/0/t1");
        }
    }

    @Test
    void givenAKeystoreThenClientsTrustingTheCaConnectOverTls(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.generate(dir);
        try (SmartBroker secure = SmartBroker.builder().tls(certs.keystore(), certs.keystorePassword()).start()
                .addUser("platform", "secret");
                MqttProbe probe = MqttProbe.builder(secure.tlsUri()).socketFactory(certs.socketFactory())
                        .credentials("platform", "secret").subscribe("t").connect()) {
            probe.publish("t", "over tls", 1, false);

            assertThat(probe.awaitMessages(1, WAIT).get(0).text()).isEqualTo("over tls");
        }
    }

    @Test
    void givenAWholeCustomerRegistered_thenAnyUidOfItIsAcceptedWithItsKeyOnly() throws Exception {
        byte[] customerKey = "development key".getBytes(StandardCharsets.US_ASCII);
        broker.registerCustomer("00000000", customerKey);
        String uid = "3281355014145";

        MqttProbe.builder(broker.uri()).clientId(uid)
                .credentials("00000000" + uid, password(customerKey, now())).connect().close();
        assertThatThrownBy(() -> MqttProbe.builder(broker.uri()).clientId(uid)
                .credentials("00000000" + uid, password(KEY, now() + 1)).connect())
                .isInstanceOf(MqttSecurityException.class);
        assertThatThrownBy(() -> MqttProbe.builder(broker.uri()).clientId(uid)
                .credentials("99999999" + uid, password(customerKey, now() + 2)).connect())
                .isInstanceOf(MqttSecurityException.class);

        assertThat(broker.logins()).extracting(LoginAttempt::reason)
                .containsExactly("device", "wrong key", "unknown client id");
    }

    @Test
    void givenAnonymousAndEmptyClientIdsAllowed_thenAToolWithoutAClientIdConnects() throws Exception {
        try (SmartBroker open = SmartBroker.builder().allowAnonymous(true).allowEmptyClientId(true).start()) {
            MqttProbe.builder(open.uri()).clientId("").connect().close();
        }
        assertThatThrownBy(() -> MqttProbe.builder(broker.uri()).clientId("").connect())
                .isInstanceOf(MqttException.class);
    }

    private MqttProbe connectDevice(String username, String password) throws MqttException {
        return MqttProbe.builder(broker.uri()).clientId(UID).credentials(username, password).connect();
    }

    private void assertRejected(String username, String password, String reason) {
        assertThatThrownBy(() -> connectDevice(username, password)).isInstanceOf(MqttSecurityException.class);
        assertThat(broker.logins()).last().isEqualTo(new LoginAttempt(UID, username, false, reason));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** Computed here, not with {@link SmartPassword}, so that the broker is checked independently. */
    private static String password(byte[] key, long seconds) {
        byte[] salt = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) seconds).array();
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(salt);
            byte[] digest = sha1.digest(key);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(24).put(salt).put(digest).array());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
