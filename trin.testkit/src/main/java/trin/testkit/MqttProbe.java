package trin.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A synchronous Paho client for tests: it plays the platform, or any other party, and records
 * every message it receives. It never reconnects by itself; waits are bounded and fail with an
 * {@link AssertionError} that lists what did arrive.
 */
public final class MqttProbe implements AutoCloseable {

    /**
     * A received message; {@code index} is its arrival order, from 0. Being a record with an
     * array, it compares by identity: compare {@link #text()} or the payload's content.
     */
    public record Received(int index, String topic, byte[] payload, int qos, boolean retained) {

        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, UTF_8);
        }

        @Override
        public String toString() {
            return "#" + index + ' ' + topic + " q" + qos + (retained ? " retained " : " ") + text();
        }
    }

    private final MqttClient client;
    private final ProbeInbox inbox;

    private MqttProbe(Builder builder) throws MqttException {
        client = new MqttClient(builder.serverUri, builder.clientId, new MemoryPersistence());
        client.setTimeToWait(builder.timeout.toMillis());
        inbox = new ProbeInbox(builder.clientId);
        client.setCallback(inbox);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(false);
        // Paho's default tries 3.1.1 and then 3.1: a rejected login would be sent twice.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(builder.cleanSession);
        options.setConnectionTimeout((int) Math.max(1, builder.timeout.toSeconds()));
        options.setKeepAliveInterval(30);
        // A test may publish a burst: room for it, so that a slow acknowledgement is no "too many publishes" (32202).
        options.setMaxInflight(1000);
        if (builder.username != null) {
            options.setUserName(builder.username);
        }
        if (builder.password != null) {
            options.setPassword(builder.password.toCharArray());
        }
        if (builder.socketFactory != null) {
            options.setSocketFactory(builder.socketFactory);
        }
        try {
            client.connect(options);
            for (String filter : builder.filters) {
                client.subscribe(filter, builder.qos);
            }
        } catch (MqttException e) {
            closeQuietly();
            throw e;
        }
    }

    /** A builder for a probe connecting to {@code serverUri} ({@code tcp://...} or {@code ssl://...}). */
    public static Builder builder(String serverUri) {
        return new Builder(serverUri);
    }

    /** Connects with these credentials and subscribes to {@code filter} at QoS 1. */
    public static MqttProbe connect(String serverUri, String username, String password, String filter)
            throws MqttException {
        return builder(serverUri).credentials(username, password).subscribe(filter).connect();
    }

    /** Subscribes to one more filter. */
    public void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos);
    }

    /** Publishes UTF-8 text and waits until the broker has it (as the QoS says). */
    public void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        publish(topic, payload.getBytes(UTF_8), qos, retained);
    }

    public void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload, qos, retained);
    }

    /** A snapshot of everything received so far, in arrival order. */
    public List<Received> messages() {
        return inbox.messages();
    }

    /** Forgets what was received; indexes go on counting. */
    public void clear() {
        inbox.clear();
    }

    /**
     * Waits for the first recorded message (including ones already received) that matches.
     *
     * @throws AssertionError when none arrives in time
     */
    public Received awaitMessage(Predicate<Received> condition, Duration timeout) throws InterruptedException {
        return awaitMatching(condition, 1, timeout).get(0);
    }

    /** Waits for the first message on exactly this topic. */
    public Received awaitMessage(String topic, Duration timeout) throws InterruptedException {
        return awaitMessage(m -> m.topic().equals(topic), timeout);
    }

    /**
     * Waits until at least {@code count} messages were recorded and returns the first {@code count}.
     *
     * @throws AssertionError when fewer arrive in time
     */
    public List<Received> awaitMessages(int count, Duration timeout) throws InterruptedException {
        return awaitMatching(m -> true, count, timeout);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Why the connection was lost, or null while it was not. */
    public Throwable connectionLost() {
        return inbox.connectionLost();
    }

    /**
     * Waits until the broker drops the connection (a {@link #close()} does not count).
     *
     * @return the cause Paho gives
     * @throws AssertionError when it is still connected after {@code timeout}
     */
    public Throwable awaitConnectionLost(Duration timeout) throws InterruptedException {
        return inbox.awaitConnectionLost(timeout);
    }

    public String clientId() {
        return client.getClientId();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /**
     * Waits until {@code count} recorded messages match, and returns them.
     *
     * @throws AssertionError when fewer arrive in time
     */
    public List<Received> awaitMatching(Predicate<Received> condition, int count, Duration timeout)
            throws InterruptedException {
        return inbox.awaitMatching(condition, count, timeout);
    }

    private void closeQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 1000);
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }

    /** Options of an {@link MqttProbe}. */
    public static final class Builder {
        private final String serverUri;
        private String clientId = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        private String username;
        private String password;
        private SocketFactory socketFactory;
        private final List<String> filters = new ArrayList<>();
        private int qos = 1;
        private boolean cleanSession = true;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(String serverUri) {
            this.serverUri = Objects.requireNonNull(serverUri);
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId);
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** For {@code ssl://} URIs, e.g. {@link TestCertificates#socketFactory()}. */
        public Builder socketFactory(SocketFactory socketFactory) {
            this.socketFactory = socketFactory;
            return this;
        }

        /** A filter to subscribe to right after connecting; may be given several times. */
        public Builder subscribe(String filter) {
            filters.add(Objects.requireNonNull(filter));
            return this;
        }

        /** QoS of the subscriptions made at connect; 1 by default. */
        public Builder qos(int qos) {
            this.qos = qos;
            return this;
        }

        public Builder cleanSession(boolean cleanSession) {
            this.cleanSession = cleanSession;
            return this;
        }

        /** Bounds connect, subscribe and publish; 10 s by default. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Connects and subscribes. */
        /**
         * Connects and subscribes. A connection lost while subscribing is tried
         * again, twice: Moquette 0.17 marks a connection connected only once its
         * CONNACK is written, and drops a SUBSCRIBE that overtakes that ("SUBSCRIBE
         * received on already closed connection"), closing the connection.
         */
        public MqttProbe connect() throws MqttException {
            for (int attempt = 1;; attempt++) {
                try {
                    return new MqttProbe(this);
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST || attempt == 3) {
                        throw e;
                    }
                }
            }
        }
    }
}
