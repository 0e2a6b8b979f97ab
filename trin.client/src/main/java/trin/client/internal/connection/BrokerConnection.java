package trin.client.internal.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ConnectionState;
import trin.api.device.Credentials;
import trin.client.internal.settings.Settings;
import trin.client.internal.status.Counters;
import trin.client.internal.threads.SessionThread;
import trin.client.internal.threads.ThreadPools;

/**
 * One device's connection to the broker: connects with a fresh password on
 * every attempt, reconnects with backoff, subscribes, and tells its listener
 * when it is up and when it has gone (the outgoing room, {@code Publishing}, sends). Paho's
 * automatic reconnect is off: it would replay the password of the first
 * connection.
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
public final class BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

    private final Supplier<ConnectionOptions> options;
    private final Credentials credentials;
    private final Supplier<Settings> settings;
    private final Counters counters;
    private final ConnectionListener listener;
    private final SessionThread thread;
    private final ScheduledExecutorService exec;
    private final ExecutorService closer = ThreadPools.cached("trin-paho-close", Duration.ofSeconds(2));
    private final PahoThreads pahoThreads;
    private final Retries retries;
    private final Clock clock;

    // The session thread's; attempt is read by publishing threads too.
    private volatile Attempt attempt;
    private final BrokerChoice brokers = new BrokerChoice();
    private boolean stopped = true;
    private boolean everConnected;

    private final ConnectionRecord record = new ConnectionRecord();
    private final PendingConnect pendingConnect;

    public BrokerConnection(Supplier<ConnectionOptions> options, Credentials credentials, Supplier<Settings> settings,
            Backoff backoff, Counters counters, ConnectionListener listener, SessionThread thread, Clock clock) {
        this.options = options;
        this.credentials = credentials;
        this.settings = settings;
        this.retries = new Retries(backoff);
        this.counters = counters;
        this.listener = listener;
        this.thread = thread;
        this.exec = thread.executor();
        this.clock = clock;
        this.pahoThreads = new PahoThreads(exec);
        this.pendingConnect = new PendingConnect(exec, record, clock);
    }

    public ConnectionState state() {
        return record.state();
    }

    /** The connection's state and history, for the status. */
    public ConnectionRecord record() {
        return record;
    }

    /** Starts connecting. */
    public void start() {
        exec.execute(() -> {
            stopped = false;
            record.state(ConnectionState.CONNECTING);
            connect();
        });
    }

    /**
     * Ends the connection on purpose: publishes the last-will event (the
     * platform must still see a 101), disconnects cleanly and waits for both,
     * for a few seconds at most. Runs on the session thread.
     */
    public CompletableFuture<Void> stop(String reason) {
        return CompletableFuture.runAsync(() -> {
            stopped = true;
            pendingConnect.cancel();
            endAttempt(reason, true);
            record.state(ConnectionState.STOPPED);
            closer.shutdown();
            pahoThreads.shutdown();
        }, exec);
    }

    /** Disconnects cleanly and connects again at once, with the current settings. */
    public void reconnect(String reason) {
        thread.run(() -> {
            if (stopped) {
                return;
            }
            pendingConnect.cancel();
            endAttempt(reason, false);
            retries.reset();
            brokers.reset();
            record.state(ConnectionState.CONNECTING);
            connect();
        });
    }

    /** Disconnects cleanly and connects again after a pause ({@code take_a_break}). */
    public void pause(Duration pause) {
        thread.run(() -> {
            if (stopped) {
                return;
            }
            pendingConnect.cancel();
            endAttempt("taking a break of " + pause.toSeconds() + " s", false);
            record.state(ConnectionState.PAUSED);
            connectAfter(pause);
        });
    }

    /** The client while connected and subscribed, else null. Safe from any thread. */
    public MqttAsyncClient connectedClient() {
        Attempt a = attempt;
        return record.connected() && a != null ? a.client : null;
    }

    private void connect() {
        pendingConnect.started();
        if (stopped) {
            return;
        }
        record.state(ConnectionState.CONNECTING);
        Settings current = settings.get();
        ConnectionOptions options = this.options.get();
        String uri = brokers.current(options, current);
        record.broker(uri);
        Attempt a = null;
        try {
            a = Attempt.create(uri, options, current.keepAlive(), pahoThreads, exec, this::noAnswer);
            Attempt started = a;
            a.client.setCallback(new AttemptCallback(a.client, cause -> lost(started, cause), listener, counters));
            attempt = a;
            a.deadline = exec.schedule(() -> timedOut(started), options.connectTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.debug("Connecting to {} as {}", uri, options.clientId());
            a.client.connect(a.connectOptions(options, current, credentials.password()), null,
                    thread.listener(() -> connackReceived(started), e -> attemptFailed(started, e)));
        } catch (Exception e) {
            if (a == null) {
                retryLater(ConnectStep.TCP, Failures.describe(e), e);
            } else {
                attemptFailed(a, e);
            }
        }
    }

    private void connackReceived(Attempt a) {
        if (a != attempt || stopped) {
            return;
        }
        a.connackReceived = true;
        int qos = settings.get().defaultQos();
        try {
            a.client.subscribe(options.get().subscription(), qos, null,
                    thread.listener(() -> subscribed(a), e -> attemptFailed(a, e)));
        } catch (MqttException e) {
            attemptFailed(a, e);
        }
    }

    private void subscribed(Attempt a) {
        if (a != attempt || stopped) {
            return;
        }
        a.succeeded();
        retries.succeeded();
        record.connectedAt(clock.instant());
        if (everConnected) {
            counters.reconnects.incrementAndGet();
        }
        everConnected = true;
        LOG.info("Connected to {} as {} in {} ms", record.broker(), options.get().clientId(), a.elapsedMillis());
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
        if (a != attempt || stopped || record.connected()) {
            return;
        }
        attempt = null;
        ConnectStep step = a.step();
        a.abandon(closer);
        retryLater(step, "no answer within " + options.get().connectTimeout().toSeconds() + " s (connectTimeout)",
                null);
    }

    private void retryLater(ConnectStep step, String reason, Throwable e) {
        String failed = record.broker();
        String next = brokers.next(options.get(), settings.get());
        Duration delay = retries.afterFailedAttempt(failed, options.get().username(), step, reason, e, next);
        record.state(ConnectionState.CONNECTING);
        connectAfter(delay);
    }

    /** The keep-alive's verdict: the broker did not answer a ping. */
    private void noAnswer(KeepAlive keepAlive) {
        Attempt a = attempt;
        if (a != null && a.keepAlive == keepAlive && record.connected() && !stopped) {
            connectionEnded(a, "the broker stopped answering (no answer to a ping within half a keep-alive)");
        }
    }

    /** A connection that was up has gone: one line in the log, then the next attempt after the backoff. */
    private void connectionEnded(Attempt a, String reason) {
        attempt = null;
        a.abandon(closer);
        record.disconnectedAt(clock.instant(), reason, stopped);
        String lost = record.broker();
        Duration delay = retries.afterLostConnection(lost, reason, brokers.next(options.get(), settings.get()));
        listener.disconnected(reason);
        connectAfter(delay);
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
        boolean wasConnected = record.connected();
        if (wasConnected && a.client.isConnected()) {
            ConnectionOptions options = this.options.get();
            String unclean = a.disconnect(publishWill ? options.willTopic() : null, options.will());
            LOG.info("Disconnected from {}: {}{}", record.broker(), reason,
                    unclean == null ? "" : " (not cleanly: " + unclean + ")");
        }
        a.abandon(closer);
        if (wasConnected) {
            record.disconnectedAt(clock.instant(), reason, stopped);
            listener.disconnected(reason);
        }
    }

    private void connectAfter(Duration delay) {
        pendingConnect.after(delay, this::connect);
    }

    /** Paho says the connection of an attempt is lost; that of an abandoned one is no news. */
    private void lost(Attempt a, Throwable cause) {
        thread.run(() -> {
            if (a == attempt && !stopped && record.connected()) {
                connectionEnded(a, Failures.describe(cause));
            }
        });
    }
}
