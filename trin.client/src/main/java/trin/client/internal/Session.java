package trin.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
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
 * <p>Every attempt has a deadline of its own, {@code connectTimeout}, from
 * the socket to the SUBACK, whatever Paho does: past it the attempt is
 * abandoned (its client closed on the closer thread) and the next follows
 * with the backoff. A connection whose broker stops answering is dropped by
 * the {@link KeepAlive}.
 *
 * <p>All state changes run on one scheduler thread; Paho's callbacks only hand
 * work over to it (or, for messages, to the listener, which must return at
 * once), so nothing blocks Paho's thread and nothing publishes from it.
 */
final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(5);

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
    private final ExecutorService closer = Executors2.cached("trin-paho-close", Duration.ofSeconds(2));
    private final PahoThreads pahoThreads;
    private final Backoff backoff;
    private final Clock clock;

    // The session thread's, but for attempt, which publishing threads read.
    private final Set<Long> inflight = new HashSet<>();
    private volatile Attempt attempt;
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
        this.pahoThreads = new PahoThreads(exec);
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
            endAttempt(reason, true);
            state = ConnectionState.STOPPED;
            closer.shutdown();
            pahoThreads.shutdown();
        }, exec);
    }

    /** Disconnects cleanly and connects again at once, with the current settings. */
    void reconnect(String reason) {
        onSessionThread(() -> {
            if (stopped) {
                return;
            }
            cancelPendingConnect();
            endAttempt(reason, false);
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
            endAttempt("taking a break of " + pause.toSeconds() + " s", false);
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
        MqttAsyncClient c = connectedClient();
        if (c == null) {
            return;
        }
        try {
            c.publish(topic, payload, qos, false, null, onSession(counters.sent::incrementAndGet,
                    e -> LOG.debug("Message to {} not delivered: {}", topic, e.toString())));
            counters.recent.out(topic, payload);
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
        MqttAsyncClient c = connectedClient();
        if (c == null) {
            return false;
        }
        try {
            c.publish(topic, payload, 0, false);
            counters.sent.incrementAndGet();
            counters.recent.out(topic, payload);
            return true;
        } catch (MqttException e) {
            LOG.debug("QoS 0 message to {} not sent: {}", topic, e.getMessage());
            return false;
        }
    }

    private MqttAsyncClient connectedClient() {
        Attempt a = attempt;
        return state == ConnectionState.CONNECTED && a != null ? a.client : null;
    }

    private void connect() {
        pendingConnect = null;
        if (stopped) {
            return;
        }
        Settings current = settings.get();
        String uri = (options.tls() ? "ssl://" : "tcp://") + current.host() + ":" + current.port();
        broker = uri;
        Attempt a = null;
        try {
            AttemptSockets sockets = new AttemptSockets(options.tls()
                    ? TlsContexts.socketFactory(options.caFile()) : new NoDelaySockets());
            KeepAlive keepAlive = new KeepAlive(exec, Duration.ofSeconds(current.keepAlive()), this::noAnswer);
            MqttAsyncClient client = new MqttAsyncClient(uri, options.clientId(), new MemoryPersistence(),
                    keepAlive.pingSender(), pahoThreads);
            keepAlive.watch(client);
            a = new Attempt(client, sockets, keepAlive, options.tls());
            client.setCallback(new Callback(a));
            attempt = a;
            Attempt started = a;
            a.deadline = exec.schedule(() -> timedOut(started), options.connectTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.debug("Connecting to {} as {}", uri, options.clientId());
            client.connect(connectOptions(current, sockets), null,
                    onSession(() -> connackReceived(started), e -> attemptFailed(started, e)));
        } catch (Exception e) {
            if (a == null) {
                retryLater(ConnectStep.TCP, Failures.describe(e), e);
            } else {
                attemptFailed(a, e);
            }
        }
    }

    private MqttConnectOptions connectOptions(Settings current, AttemptSockets sockets) throws Exception {
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
        connect.setSocketFactory(sockets.factory());
        connect.setHttpsHostnameVerificationEnabled(options.tls());
        return connect;
    }

    private void connackReceived(Attempt a) {
        if (a != attempt || stopped) {
            return;
        }
        a.connackReceived = true;
        int qos = settings.get().defaultQos();
        try {
            a.client.subscribe(options.subscription(), qos, null,
                    onSession(() -> subscribed(a), e -> attemptFailed(a, e)));
        } catch (MqttException e) {
            attemptFailed(a, e);
        }
    }

    private void subscribed(Attempt a) {
        if (a != attempt || stopped) {
            return;
        }
        a.succeeded();
        refusalLogged = false;
        backoff.reset();
        lastConnect = clock.instant();
        state = ConnectionState.CONNECTED;
        if (everConnected) {
            counters.reconnects.incrementAndGet();
        }
        everConnected = true;
        LOG.info("Connected to {} as {} in {} ms", broker, options.clientId(), a.elapsedMillis());
        listener.connected();
    }

    private void attemptFailed(Attempt a, Throwable e) {
        if (a != attempt || stopped) {
            return;
        }
        attempt = null;
        ConnectStep step = Failures.step(e, a.step());
        a.abandon(closer);
        retryLater(step, Failures.describe(e), e);
    }

    private void timedOut(Attempt a) {
        if (a != attempt || stopped || state == ConnectionState.CONNECTED) {
            return;
        }
        attempt = null;
        ConnectStep step = a.step();
        a.abandon(closer);
        retryLater(step, "no answer within " + options.connectTimeout().toSeconds() + " s (connectTimeout)", null);
    }

    private void retryLater(ConnectStep step, String reason, Throwable e) {
        Duration delay;
        int code = e instanceof MqttException m ? m.getReasonCode() : -1;
        if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            delay = backoff.refused();
            if (!refusalLogged) {
                LOG.warn("The broker {} refused the login of {}: {}. Check the device's registration "
                        + "(trin:register); retrying every {} s", broker, options.username(), reason,
                        delay.toSeconds());
                refusalLogged = true;
            }
        } else {
            delay = backoff.next();
            LOG.info("Connecting to {} failed at {}: {}; next attempt in {} ms", broker, step.words(), reason,
                    delay.toMillis());
        }
        state = ConnectionState.CONNECTING;
        pendingConnect = exec.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The keep-alive's verdict: the broker did not answer a ping. */
    private void noAnswer(KeepAlive keepAlive) {
        Attempt a = attempt;
        if (a != null && a.keepAlive == keepAlive && state == ConnectionState.CONNECTED && !stopped) {
            connectionEnded(a, "the broker stopped answering (no answer to a ping within half a keep-alive)");
        }
    }

    /** A connection that was up has gone: one line in the log, then the next attempt after the backoff. */
    private void connectionEnded(Attempt a, String reason) {
        attempt = null;
        a.abandon(closer);
        markDisconnected(reason);
        Duration delay = backoff.next();
        LOG.info("Connection to {} lost: {}; reconnecting in {} ms", broker, reason, delay.toMillis());
        listener.disconnected(reason);
        pendingConnect = exec.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void flushNow() {
        MqttAsyncClient c = connectedClient();
        if (c == null) {
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
                c.publish(entry.topic(), entry.payload(), entry.qos(), false, null,
                        onSession(() -> delivered(entry.seq()), e -> inflight.remove(entry.seq())));
                counters.recent.out(entry.topic(), entry.payload());
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

    private void markDisconnected(String reason) {
        inflight.clear();
        lastDisconnect = clock.instant();
        lastDisconnectReason = reason;
        state = stopped ? ConnectionState.STOPPED : ConnectionState.CONNECTING;
    }

    /**
     * Ends the current attempt or connection on purpose. A live connection is
     * closed cleanly, with the last-will event first when asked (a planned
     * goodbye); each wait is bounded, and the client is then closed on the
     * closer whatever state it is in.
     */
    private void endAttempt(String reason, boolean publishWill) {
        Attempt a = attempt;
        if (a == null) {
            return;
        }
        attempt = null;
        boolean wasConnected = state == ConnectionState.CONNECTED;
        if (wasConnected && a.client.isConnected()) {
            try {
                if (publishWill) {
                    a.client.publish(options.willTopic(), options.will().get(), 1, false).waitForCompletion(WAIT_MILLIS);
                }
                a.client.disconnect(TimeUnit.SECONDS.toMillis(1)).waitForCompletion(WAIT_MILLIS);
                LOG.info("Disconnected from {}: {}", broker, reason);
            } catch (MqttException e) {
                LOG.info("Disconnected from {}: {} (not cleanly: {})", broker, reason, Failures.describe(e));
            }
        }
        a.abandon(closer);
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
    private IMqttActionListener onSession(Runnable success, Consumer<Throwable> failure) {
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

    /** Paho's callbacks for one attempt's client; those of an abandoned attempt are ignored. */
    private final class Callback implements MqttCallback {
        private final Attempt owner;

        Callback(Attempt owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            onSessionThread(() -> {
                if (owner == attempt && !stopped && state == ConnectionState.CONNECTED) {
                    connectionEnded(owner, Failures.describe(cause));
                }
            });
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            counters.received.incrementAndGet();
            counters.recent.in(topic, message.getPayload());
            listener.arrived(topic, message.getPayload(), message.isRetained());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Deliveries are tracked by each publish's own listener.
        }
    }
}
