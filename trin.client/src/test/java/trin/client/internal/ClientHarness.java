package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import trin.api.client.ConnectionState;
import trin.api.command.CommandHandler;
import trin.api.health.HealthReporter;
import trin.client.internal.settings.ClientConfiguration;
import trin.devbroker.SmartBroker;
import trin.testkit.Await;
import trin.testkit.Configurations;
import trin.testkit.KeyCredentials;
import trin.testkit.MqttProbe;
import trin.testkit.Relay;

/**
 * A client component running against a real broker, and a probe playing the
 * platform: it sees everything the device publishes and sends it commands.
 */
final class ClientHarness implements AutoCloseable {

    static final String CID = "12345678";
    static final String UID = "AAA0000DEADBEEF";
    static final String SERVER = "000000000000000";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    final Broker broker;
    final Path dir;
    final byte[] key = new byte[32];
    final Map<String, Object> config = new HashMap<>();
    final List<Map.Entry<Map<String, Object>, CommandHandler>> handlers = new CopyOnWriteArrayList<>();
    final List<Map.Entry<Map<String, Object>, HealthReporter>> reporters = new CopyOnWriteArrayList<>();
    SmartClientComponent client;
    KeyCredentials credentials;
    MqttProbe platform;
    String uid = UID;
    TestIdentity identity;
    /** A second device on another harness's broker: closing it leaves the broker and the probe alone. */
    boolean guest;
    final List<Relay> cuts = new ArrayList<>();

    ClientHarness(Broker broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
        new SecureRandom().nextBytes(key);
        config.put("host", broker.host());
        config.put("port", broker.port());
        config.put("settingsFile", dir.resolve("trinmqtt.ini").toString());
        config.put("outboxDir", dir.resolve("data/outbox").toString());
        config.put("reconnectMaxDelay", 2);
        config.put("actionDelay", 0);
    }

    static ClientHarness onSmartBroker(Path dir) {
        SmartBroker smart = SmartBroker.builder().start();
        ClientHarness harness = new ClientHarness(Broker.smart(smart), dir);
        smart.register(CID, UID, harness.key);
        return harness;
    }

    /** On a broker of the kind given; Mosquitto accepts any password, the Smart broker only the device's. */
    static ClientHarness on(BrokerKind kind, Path dir) throws Exception {
        return kind == BrokerKind.SMART ? onSmartBroker(dir) : new ClientHarness(kind.start(), dir);
    }

    /** Puts the device behind a relay that can cut or stall its link; the platform's probe stays connected to the broker. */
    Relay behindRelay() throws Exception {
        Relay cut = new Relay(broker.port());
        config.put("port", cut.port());
        cuts.add(cut);
        return cut;
    }

    /** Another device of the same customer. */
    ClientHarness uid(String uid) {
        this.uid = uid;
        return this;
    }

    /** Lets this device log in to the other harness's broker. */
    void registerWith(ClientHarness other) {
        other.broker.register(CID, uid, key);
    }

    ClientHarness with(String name, Object value) {
        config.put(name, value);
        return this;
    }

    ClientHarness handler(String pid, CommandHandler handler) {
        handlers.add(Map.entry(Map.of(CommandHandler.APP_ID, pid), handler));
        return this;
    }

    /** Connects the platform's probe, then starts the client and waits for its connect event. */
    ClientHarness start() throws Exception {
        if (platform == null) {
            connectPlatform();
        }
        startClient();
        awaitPublished(topic("0", ">"), m -> m.text().contains("102"));
        return this;
    }

    void connectPlatform() throws Exception {
        MqttProbe.Builder probe = MqttProbe.builder("tcp://" + broker.host() + ":" + broker.port())
                .clientId("platform-" + System.nanoTime()).subscribe(CID + "/#");
        String[] login = broker.platformLogin();
        if (login != null) {
            probe.credentials(login[0], login[1]);
        }
        platform = probe.connect();
    }

    void startClient() throws Exception {
        credentials = new KeyCredentials(CID, key);
        client = new SmartClientComponent(Configurations.of(ClientConfiguration.class, config), null,
                Map.copyOf(config), credentials);
        client.handlers = List.copyOf(handlers);
        client.reporters = List.copyOf(reporters);
        identity = new TestIdentity(uid, dir.resolve("rebooted"));
        client.bindIdentity(identity);
        client.activate();
    }

    void stopClient() {
        if (client != null) {
            client.deactivate();
            client = null;
        }
    }

    void refreshServices() {
        client.handlers = List.copyOf(handlers);
        client.reporters = List.copyOf(reporters);
    }

    static String topic(String pid, String... rest) {
        return CID + "/" + UID + "/" + pid + "/" + String.join("/", rest);
    }

    /** Sends a command as the platform would: to the device's PID, with the server as sender. */
    void command(String pid, String payload) throws Exception {
        platform.publish(topic(pid, "<", SERVER), payload, 1, false);
    }

    MqttProbe.Received awaitPublished(String topic, Predicate<MqttProbe.Received> condition) throws Exception {
        return platform.awaitMessage(m -> m.topic().equals(topic) && condition.test(m), WAIT);
    }

    /** The reply on {@code CID/UID/PID/>/TOKEN}, as a JSON tree. */
    JsonNode awaitReply(String pid, String token) throws Exception {
        return JSON.readTree(awaitPublished(topic(pid, ">", token), m -> true).payload());
    }

    /** Everything the device published so far on a topic, in order. */
    List<JsonNode> published(String topic) throws Exception {
        List<JsonNode> result = new ArrayList<>();
        for (MqttProbe.Received m : platform.messages()) {
            if (m.topic().equals(topic)) {
                result.add(JSON.readTree(new String(m.payload(), StandardCharsets.UTF_8)));
            }
        }
        return result;
    }

    void awaitState(ConnectionState state) {
        Await.until("state " + state, WAIT, () -> client.status().state() == state);
    }

    @Override
    public void close() {
        stopClient();
        for (Relay cut : cuts) {
            try {
                cut.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
        if (guest) {
            return;
        }
        if (platform != null) {
            platform.close();
        }
        broker.close();
    }
}
