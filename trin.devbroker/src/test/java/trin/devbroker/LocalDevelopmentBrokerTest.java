package trin.devbroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker bin/trin starts for the LOCAL set-up, with real MQTT clients (Paho). */
class LocalDevelopmentBrokerTest {

    private static final String UID = "3281355014145";

    @TempDir
    Path dir;

    private LocalDevelopmentBroker local;

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void givenAFreshKeyDirectory_whenStarted_thenAnyDeviceOfTheDevelopmentCustomerLogsInOnce_andToolsWithoutALogin()
            throws Exception {
        int port = FreePorts.pick();

        local = LocalDevelopmentBroker.start(dir.resolve("local-key"), port);

        DevelopmentIdentity identity = DevelopmentIdentity.provision(dir.resolve("local-key"));
        assertThat(identity.created()).as("made by the start, kept").isFalse();
        String password = SmartPassword.compute(identity.key(), Instant.now().getEpochSecond());
        connect(port, UID, "00000000" + UID, password).disconnect();
        assertThatThrownBy(() -> connect(port, UID, "00000000" + UID, password))
                .isInstanceOf(MqttException.class);
        connect(port, "", null, null).disconnect();
        assertThat(local.broker().logins()).extracting(LoginAttempt::reason)
                .containsExactly("device", "replayed password");
    }

    @Test
    void givenThePortTaken_whenStarted_thenIllegalState() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalDevelopmentBroker.start(dir.resolve("local-key"), taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static MqttClient connect(int port, String clientId, String username, String password)
            throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        client.setTimeToWait(10_000);
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }
}
