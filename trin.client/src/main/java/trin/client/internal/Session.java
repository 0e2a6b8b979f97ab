package trin.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ConnectionState;
import trin.api.device.Credentials;
import trin.client.internal.outbox.Outbox;
import trin.client.internal.settings.Settings;

/**
 * One device's connection to the broker: connects with a fresh password on
 * every attempt, reconnects with backoff, subscribes, and sends the outbox in
 * order while connected. Paho's automatic reconnect is off: it would replay
 * the password of the first connection.
 *
 * <p>All state changes run on one scheduler thread; Paho's callbacks only hand
 * work over to it (or, for messages, to the listener, which must return at
 * once), so nothing blocks Paho's thread and nothing publishes from it.
 */
final class Session implements MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final long WAIT_SECONDS = 5;

    /** What the session tells its owner. Called on the session thread unless said otherwise. */
    interface Listener {
        /** Connected and subscribed: publish the on-connect sequence. */
        void connected();

        /** The connection ended; the session is reconnecting unless it was stopped. */
        void disconnected(String reason);

        /** A message arrived; called on Paho's thread, so it must hand the message over and return. */
        void arrived(String topic, byte[] payload, boolean retained);
    }

    /** The fixed parts of a session: who connects and how. */
    record Options(String clientId, String username, String subscription, String willTopic,
            Supplier<byte[]> will, boolean tls, String caFile, Duration connectTimeout, int maxInflight,
            Duration reconnectMaxDelay) {
    }

    private final Options options;
    private final Credentials credentials;
    private final Supplier<Settings> settings;
    private final Outbox outbox;
    private final Counters counters;
    private final Listener listener;
    private final ScheduledExecutorService exec;
    private final Backoff backoff;
    private final Clock clock;

    private final Set<Long> inflight = new HashSet<>();
    private MqttAsyncClient client;
    private ScheduledFuture<?> pendingConnect;
    private boolean stopped = true;
    private boolean everConnected;
    private boolean refusalLogged;

    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile String broker = "";
    private volatile Instant lastConnect;
    private volatile Instant lastDisconnect;
    private volatile String lastDisconnectReason;

    Session(Options options, Credentials credentials, Supplier<Settings> settings, Outbox outbox,
            Counters counters, Listener listener, ScheduledExecutorService exec, Clock clock) {
        this.options = options;
        this.credentials = credentials;
        this.settings = settings;
        this.outbox = outbox;
        this.counters = counters;
        this.listener = listener;
        this.exec = exec;
        this.clock = clock;
        this.backoff = new Backoff(options.reconnectMaxDelay(), Math::random);
    }

    ConnectionState state() {
        return state;
    }

    String broker() {
        return broker;
    }

    Optional<Instant> lastConnect() {
        return Optional.ofNullable(lastConnect);
    }

    Optional<Instant> lastDisconnect() {
        return Optional.ofNullable(lastDisconnect);
    }

    Optional<String> lastDisconnectReason() {
        return Optional.ofNullable(lastDisconnectReason);
    }

    /** Starts connecting. */
    void start() {
        exec.execute(() -> {
            stopped = false;
            state = ConnectionState.CONNECTING;
            connect();
        });
    }

    /**
     * Ends the connection on purpose: publishes the last-will event (the
     * platform must still see a 101), disconnects cleanly and waits for both,
     * for a few seconds at most. Runs on the session thread.
     */
    CompletableFuture<Void> stop(String reason) {
        return CompletableFuture.runAsync(() -> {
            stopped = true;
            cancelPendingConnect();
            closeClient(reason, true);
            state = ConnectionState.STOPPED;
        }, exec);
    }

    /** Disconnects cleanly and connects again at once, with the current settings. */
    void reconnect(String reason) {
        onSessionThread(() -> {
            if (stopped) {
                return;
            }
            cancelPendingConnect();
            closeClient(reason, false);
            backoff.reset();
            state = ConnectionState.CONNECTING;
            connect();
        });
    }

    /** Disconnects cleanly and connects again after a pause ({@code take_a_break}). */
    void pause(Duration pause) {
        onSessionThread(() -> {
            if (stopped) {
                return;
            }
            cancelPendingConnect();
            closeClient("taking a break of " + pause.toSeconds() + " s", false);
            state = ConnectionState.PAUSED;
            pendingConnect = exec.schedule(() -> {
                state = ConnectionState.CONNECTING;
                connect();
            }, pause.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Publishes a message of this connection now, ahead of the outbox: the
     * connect event and the dump belong first after a connect, before any
     * backlog. If the connection is gone, so is their reason to be sent.
     */
    void publishFirst(String topic, byte[] payload, int qos) {
        MqttAsyncClient c = client;
        if (state != ConnectionState.CONNECTED || c == null) {
            return;
        }
        try {
            c.publish(topic, payload, qos, false, null, onSession(counters.sent::incrementAndGet,
                    e -> LOG.debug("Message to {} not delivered: {}", topic, e.toString())));
        } catch (MqttException e) {
            LOG.debug("Message to {} not sent: {}", topic, e.getMessage());
        }
    }

    /** Sends what waits in the outbox, if connected. Safe to call from any thread. */
    void flush() {
        onSessionThread(this::flushNow);
    }

    /**
     * Publishes a QoS 0 message now if connected; a QoS 0 message is lost
     * when disconnected anyway, so it is not kept.
     */
    boolean publishAtMostOnce(String topic, byte[] payload) {
        MqttAsyncClient c = client;
        if (state != ConnectionState.CONNECTED || c == null) {
            return false;
        }
        try {
            c.publish(topic, payload, 0, false);
            counters.sent.incrementAndGet();
            return true;
        } catch (MqttException e) {
            LOG.debug("QoS 0 message to {} not sent: {}", topic, e.getMessage());
            return false;
        }
    }

    private void connect() {
        pendingConnect = null;
        if (stopped) {
            return;
        }
        Settings current = settings.get();
        String uri = (options.tls() ? "ssl://" : "tcp://") + current.host() + ":" + current.port();
        try {
            if (client == null || !uri.equals(broker)) {
                closeClient("broker changed", false);
                client = new MqttAsyncClient(uri, options.clientId(), new MemoryPersistence());
                client.setCallback(this);
                broker = uri;
            }
            MqttConnectOptions connect = connectOptions(current);
            LOG.debug("Connecting to {} as {}", uri, options.clientId());
            client.connect(connect, null, onSession(this::onConnected, this::onConnectFailed));
        } catch (Exception e) {
            onConnectFailed(e);
        }
    }

    private MqttConnectOptions connectOptions(Settings current) throws Exception {
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setUserName(options.username());
        connect.setPassword(credentials.password());
        connect.setWill(options.willTopic(), options.will().get(), 1, false);
        connect.setKeepAliveInterval(current.keepAlive());
        connect.setCleanSession(current.cleanSession());
        connect.setConnectionTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
        connect.setAutomaticReconnect(false);
        connect.setMaxInflight(Math.max(options.maxInflight(), 10) + 10);
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (options.tls()) {
            connect.setSocketFactory(TlsContexts.socketFactory(options.caFile()));
            connect.setHttpsHostnameVerificationEnabled(true);
        } else {
            connect.setSocketFactory(new NoDelaySockets());
        }
        return connect;
    }

    private void onConnected() {
        if (stopped) {
            closeClient("stopped while connecting", false);
            return;
        }
        refusalLogged = false;
        backoff.reset();
        int qos = settings.get().defaultQos();
        try {
            client.subscribe(options.subscription(), qos, null, onSession(this::onSubscribed, e -> {
                LOG.warn("Subscribing to {} failed: {}", options.subscription(), e.toString());
                dropConnection("subscription failed");
            }));
        } catch (MqttException e) {
            LOG.warn("Subscribing to {} failed: {}", options.subscription(), e.toString());
            dropConnection("subscription failed");
        }
    }

    private void onSubscribed() {
        if (stopped) {
            return;
        }
        lastConnect = clock.instant();
        state = ConnectionState.CONNECTED;
        if (everConnected) {
            counters.reconnects.incrementAndGet();
        }
        everConnected = true;
        LOG.info("Connected to {} as {}", broker, options.clientId());
        listener.connected();
    }

    private void onConnectFailed(Throwable e) {
        if (stopped) {
            return;
        }
        Duration delay;
        int reason = e instanceof MqttException m ? m.getReasonCode() : -1;
        if (reason == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || reason == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            delay = backoff.refused();
            if (!refusalLogged) {
                LOG.warn("The broker {} refused the login of {}: {}. Check the device's registration "
                        + "(trin:register); retrying every {} s", broker, options.username(), e.getMessage(),
                        delay.toSeconds());
                refusalLogged = true;
            }
        } else {
            delay = backoff.next();
            LOG.info("Connecting to {} failed: {}; next attempt in {} ms", broker, describe(e), delay.toMillis());
        }
        state = ConnectionState.CONNECTING;
        pendingConnect = exec.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void connectionLost(Throwable cause) {
        onSessionThread(() -> {
            if (stopped || state != ConnectionState.CONNECTED) {
                return;
            }
            String reason = describe(cause);
            LOG.info("Connection to {} lost: {}", broker, reason);
            markDisconnected(reason);
            listener.disconnected(reason);
            onConnectFailed(cause);
        });
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // Connections are ours; onConnected is called through the connect listener.
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        counters.received.incrementAndGet();
        listener.arrived(topic, message.getPayload(), message.isRetained());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Deliveries are tracked by each publish's own listener.
    }

    private void flushNow() {
        if (state != ConnectionState.CONNECTED || client == null) {
            return;
        }
        int room = options.maxInflight() - inflight.size();
        if (room <= 0) {
            return;
        }
        List<Outbox.Entry> next = outbox.pending(room, inflight);
        for (Outbox.Entry entry : next) {
            inflight.add(entry.seq());
            try {
                client.publish(entry.topic(), entry.payload(), entry.qos(), false, null,
                        onSession(() -> delivered(entry.seq()), e -> inflight.remove(entry.seq())));
            } catch (MqttException e) {
                inflight.remove(entry.seq());
                LOG.debug("Publishing to {} deferred: {}", entry.topic(), e.getMessage());
                return;
            }
        }
    }

    private void delivered(long seq) {
        inflight.remove(seq);
        outbox.remove(seq);
        counters.sent.incrementAndGet();
        flushNow();
    }

    private void dropConnection(String reason) {
        closeClient(reason, false);
        onConnectFailed(new IllegalStateException(reason));
    }

    private void markDisconnected(String reason) {
        inflight.clear();
        lastDisconnect = clock.instant();
        lastDisconnectReason = reason;
        state = stopped ? ConnectionState.STOPPED : ConnectionState.CONNECTING;
    }

    /** Closes the current client; with a will, first publishes the last-will event as a planned goodbye. */
    private void closeClient(String reason, boolean publishWill) {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        boolean wasConnected = c.isConnected();
        try {
            if (wasConnected) {
                if (publishWill) {
                    c.publish(options.willTopic(), options.will().get(), 1, false)
                            .waitForCompletion(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                }
                c.disconnect(TimeUnit.SECONDS.toMillis(1)).waitForCompletion(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                LOG.info("Disconnected from {}: {}", broker, reason);
            }
        } catch (MqttException e) {
            LOG.debug("Clean disconnect from {} failed: {}", broker, e.toString());
        } finally {
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(0, TimeUnit.SECONDS.toMillis(1), false);
                }
                c.close(true);
            } catch (MqttException e) {
                LOG.debug("Closing the client failed: {}", e.toString());
            }
        }
        if (wasConnected) {
            markDisconnected(reason);
            listener.disconnected(reason);
        }
    }

    private void cancelPendingConnect() {
        if (pendingConnect != null) {
            pendingConnect.cancel(false);
            pendingConnect = null;
        }
    }

    /** An action listener whose outcomes run on the session thread. */
    private IMqttActionListener onSession(Runnable success, java.util.function.Consumer<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                onSessionThread(success);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                onSessionThread(() -> failure.accept(e));
            }
        };
    }

    /**
     * Hands work to the session thread. Once the session has stopped there is
     * nothing left to do: a late callback or a message queued meanwhile (it
     * stays in the outbox) is not an error.
     */
    private void onSessionThread(Runnable work) {
        try {
            exec.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("The session has stopped; late work dropped");
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        Throwable cause = e.getCause();
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return cause == null || cause == e ? text : text + " (" + cause + ")";
    }
}
