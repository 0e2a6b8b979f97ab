package trin.itest;

import org.junit.Assume;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import trin.devbroker.SmartBroker;
import trin.testkit.Mosquitto;
import trin.testkit.MqttProbe;

/**
 * The Smart platform as one device sees it: a {@link SmartBroker} in the test JVM, outside the
 * framework, with the device registered, and a probe logged in as an operator that records every
 * message of the customer and sends commands as the server does.
 */
final class Platform implements AutoCloseable {

    static final String CID = "12345678";
    /** A Linux UID (a MAC address as a number), set in configuration trin.hw.linux. */
    static final String UID = "202481587074134";
    static final String SERVER = "000000000000000";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    private static final String OPERATOR = "platform";
    private static final String OPERATOR_PASSWORD = "itest";

    private final AutoCloseable broker;
    private final SmartBroker smart;
    private final int port;
    private final MqttProbe probe;
    private final byte[] key;
    private final AtomicInteger asked = new AtomicInteger();

    private Platform(SmartBroker broker, MqttProbe probe, byte[] key) {
        this.broker = broker;
        this.smart = broker;
        this.port = broker.port();
        this.probe = probe;
        this.key = key;
    }

    private Platform(Mosquitto broker, MqttProbe probe, byte[] key) {
        this.broker = broker;
        this.smart = null;
        this.port = broker.port();
        this.probe = probe;
        this.key = key;
    }

    /**
     * A platform on Mosquitto, for tests that change the session while QoS 1 messages flow (a
     * reconfiguration, an upgrade): Moquette 0.17 can lose a session thread to a reference-count error
     * on a PUBACK then, and every client on that thread hangs. Mosquitto checks no Smart password,
     * which these tests do not need. Where Mosquitto is not installed, the Smart broker it is.
     */
    static Platform onMosquitto() throws Exception {
        if (!Mosquitto.available()) {
            if (System.getenv("TRIN_REQUIRE_MOSQUITTO") != null) {
                throw new IllegalStateException("TRIN_REQUIRE_MOSQUITTO is set but mosquitto is not installed");
            }
            Assume.assumeTrue("mosquitto is not installed (apt-get install mosquitto)", false);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Mosquitto broker = Mosquitto.builder().start();
        try {
            return new Platform(broker, MqttProbe.builder(broker.uri()).clientId("platform-" + System.nanoTime())
                    .subscribe(CID + "/#").connect(), key);
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
    }

    /** Starts a broker on a free port of 127.0.0.1 that knows the device, and connects the probe. */
    static Platform start() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return start(key, 0);
    }

    /**
     * Starts a broker on that port of 127.0.0.1 (0: a free one) that knows the device by that key, and
     * connects the probe: for a device configured before the platform is there. The device is registered
     * only once the probe has subscribed, so that a device already trying to connect cannot publish its
     * connect event before anybody listens (its earlier logins are refused, and it tries again).
     */
    static Platform start(byte[] key, int port) throws Exception {
        SmartBroker broker = SmartBroker.builder().port(port).start();
        try {
            broker.addUser(OPERATOR, OPERATOR_PASSWORD);
            MqttProbe probe = connectProbe(broker);
            broker.register(CID, UID, key);
            return new Platform(broker, probe, key);
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Moquette 0.17 drops a connection whose SUBSCRIBE it reads before it has marked the connection
     * connected (MQTTConnection sets the flag when the CONNACK write completes): now and then the
     * probe's subscription, sent right after the CONNACK, is refused so. The probe tries again.
     */
    private static MqttProbe connectProbe(SmartBroker broker) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return MqttProbe.builder(broker.uri()).clientId("platform-" + System.nanoTime())
                        .credentials(OPERATOR, OPERATOR_PASSWORD).subscribe(CID + "/#").connect();
            } catch (Exception e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    byte[] key() {
        return key.clone();
    }

    int port() {
        return port;
    }

    /** The Smart broker, which records logins; a platform on Mosquitto has none. */
    SmartBroker broker() {
        if (smart == null) {
            throw new IllegalStateException("this platform runs on Mosquitto, which records no logins");
        }
        return smart;
    }

    /** {@code CID/UID/pid/level...} */
    static String topic(String pid, String... levels) {
        return CID + '/' + UID + '/' + pid + (levels.length == 0 ? "" : '/' + String.join("/", levels));
    }

    // Commands

    /** Sends a command as the server: {@code {"c":[0,token,[name,args...]]}} on {@code CID/UID/pid/</SERVER}. */
    void command(String pid, String token, String name, Object... args) throws Exception {
        commandFrom(SERVER, pid, token, name, args);
    }

    /**
     * Sends a command as the server or another device: {@code sender} is the topic's sender level(s),
     * {@code UID} or {@code UID/PID}.
     */
    void commandFrom(String sender, String pid, String token, String name, Object... args) throws Exception {
        List<Object> command = new ArrayList<>();
        command.add(name);
        command.addAll(Arrays.asList(args));
        String payload = JSON.writeValueAsString(Map.of("c", List.of(0, token, command)));
        probe.publish(topic(pid, "<", sender), payload, 1, false);
    }

    /** The reply to the command with that token, {@code [ts, code, result]}. */
    JsonNode awaitReply(String pid, String token) throws InterruptedException {
        return json(probe.awaitMessage(topic(pid, ">", token), WAIT)).path("x");
    }

    /** Sends a command as the server and waits for its reply, {@code [ts, code, result]}. */
    JsonNode call(String pid, String token, String name, Object... args) throws Exception {
        command(pid, token, name, args);
        return awaitReply(pid, token);
    }

    /**
     * Asks a command as the server until the reply, {@code [ts, code, result]}, meets a condition:
     * for a device that is changing (a command sent between two sessions is lost, one sent before a
     * change takes effect gets the old answer). Asks once a second, with a new token each time.
     */
    JsonNode awaitAnswer(Predicate<JsonNode> condition, String pid, String name, Object... args) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            String token = "ask-" + asked.incrementAndGet();
            command(pid, token, name, args);
            try {
                last = json(probe.awaitMessage(topic(pid, ">", token), Duration.ofSeconds(1))).path("x");
                if (condition.test(last)) {
                    return last;
                }
                Thread.sleep(250); // answered, not as expected yet: ask again
            } catch (AssertionError notYet) {
                // no answer within a second: the device is between two sessions
            }
        }
        throw new AssertionError(name + " on " + pid + ": no answer as expected within " + WAIT + "; last: " + last);
    }

    /** The first message on a topic, waiting for it. */
    MqttProbe.Received awaitMessage(String topic) throws InterruptedException {
        return probe.awaitMessage(topic, WAIT);
    }

    /** The reply's message itself, for its arrival order. */
    MqttProbe.Received awaitReplyMessage(String pid, String token) throws InterruptedException {
        return probe.awaitMessage(topic(pid, ">", token), WAIT);
    }

    // What the device published

    /** Waits until the device has connected {@code count} times (event 102 on {@code CID/UID/0/>}). */
    List<MqttProbe.Received> awaitConnects(int count) throws InterruptedException {
        return awaitMessages(m -> isEvent(m, 102), count);
    }

    /** The connect events (102) so far. */
    List<MqttProbe.Received> connects() {
        return messages(m -> isEvent(m, 102));
    }

    /** The goodbye events (101) so far. */
    List<MqttProbe.Received> goodbyes() {
        return messages(m -> isEvent(m, 101));
    }

    /** The full dump the device publishes after connecting: data on PID 0 with its settings. */
    JsonNode awaitConnectDump() throws InterruptedException {
        return data(probe.awaitMessage(m -> isData(m, "0") && data(m).has("settings"), WAIT));
    }

    /**
     * Asks for the full hardware data ({@code pub_full_data}) and returns it: the first data on PID 0
     * that arrives after the request and is not a connect dump.
     */
    JsonNode fullData(String token) throws Exception {
        int after = lastIndex();
        JsonNode reply = call("0", token, "pub_full_data");
        if (reply.path(1).asInt() != 0) {
            throw new AssertionError("pub_full_data failed: " + reply);
        }
        return data(probe.awaitMessage(
                m -> m.index() > after && isData(m, "0") && !data(m).has("settings"), WAIT));
    }

    /** Data the device published on {@code CID/UID/pid/>} matching a condition, waiting for the first. */
    JsonNode awaitData(String pid, Predicate<JsonNode> condition) throws InterruptedException {
        return data(probe.awaitMessage(m -> isData(m, pid) && condition.test(data(m)), WAIT));
    }

    /** Every data payload published on {@code CID/UID/pid/>} so far. */
    List<JsonNode> data(String pid) {
        return messages(m -> isData(m, pid)).stream().map(Platform::data).toList();
    }

    List<MqttProbe.Received> awaitMessages(Predicate<MqttProbe.Received> condition, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<MqttProbe.Received> matching = messages(condition);
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching messages within " + WAIT + ", got "
                        + matching.size() + "; received: " + probe.messages());
            }
            // MqttProbe waits for one match at a time: wait for the next message of any kind.
            int last = lastIndex();
            try {
                probe.awaitMessage(m -> m.index() > last, Duration.ofMillis(200));
            } catch (AssertionError quiet) {
                // nothing new yet
            }
        }
    }

    List<MqttProbe.Received> messages(Predicate<MqttProbe.Received> condition) {
        return probe.messages().stream().filter(condition).toList();
    }

    List<MqttProbe.Received> messages() {
        return probe.messages();
    }

    /** How many lifecycle events of this code (101 goodbye, 102 connect) the device published on PID 0. */
    long events(int code) {
        String topic = CID + "/" + UID + "/0/>";
        return messages().stream().filter(m -> m.topic().equals(topic) && m.text().contains("," + code + ",")).count();
    }

    int lastIndex() {
        List<MqttProbe.Received> all = probe.messages();
        return all.isEmpty() ? -1 : all.get(all.size() - 1).index();
    }

    /** A condition on a reply, {@code [ts, code, result]}: its result reads as that text. */
    static Predicate<JsonNode> resultIs(String text) {
        return reply -> reply.path(2).asText().equals(text);
    }

    // Payloads

    static JsonNode json(MqttProbe.Received message) {
        try {
            return JSON.readTree(message.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(message.payload(), UTF_8), e);
        }
    }

    /** The data of a {@code d} payload, {@code [ts, data]}. */
    static JsonNode data(MqttProbe.Received message) {
        return json(message).path("d").path(1);
    }

    static boolean isData(MqttProbe.Received message, String pid) {
        return message.topic().equals(topic(pid, ">")) && json(message).has("d");
    }

    /** Whether a message is an {@code e} on {@code CID/UID/0/>} that holds an event of that code. */
    static boolean isEvent(MqttProbe.Received message, int code) {
        if (!message.topic().equals(topic("0", ">"))) {
            return false;
        }
        for (JsonNode event : json(message).path("e").path(1)) {
            if (event.path(1).asInt() == code) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            probe.close();
        } finally {
            try {
                broker.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
