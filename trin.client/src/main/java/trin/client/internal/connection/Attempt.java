package trin.client.internal.connection;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import trin.client.internal.settings.Settings;

/**
 * One connection attempt and, once subscribed, the connection it became: its
 * own Paho client, socket and keep-alive. A new attempt gets a new client, so
 * nothing of an abandoned one (a late callback, a stuck thread) can reach the
 * next. Fields without a modifier are the session thread's.
 */
final class Attempt {

    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(5);
    private static final long QUIESCE_MILLIS = TimeUnit.SECONDS.toMillis(1);
    /** Paho's own window: roomier than the outbox's ({@code maxInflight}), which paces. */
    private static final int MAX_INFLIGHT_PAHO = 1000;

    final MqttAsyncClient client;
    final AttemptSockets sockets;
    final KeepAlive keepAlive;
    final boolean tls;
    final long startedNanos = System.nanoTime();
    ScheduledFuture<?> deadline;
    boolean connackReceived;

    private Attempt(MqttAsyncClient client, AttemptSockets sockets, KeepAlive keepAlive, boolean tls) {
        this.client = client;
        this.sockets = sockets;
        this.keepAlive = keepAlive;
        this.tls = tls;
    }

    /**
     * A new attempt with a client of its own, which runs on the session's
     * Paho threads and whose keep-alive tells {@code dead} when its broker
     * stops answering.
     */
    static Attempt create(String uri, ConnectionOptions options, int keepAliveSeconds, PahoThreads threads,
            ScheduledExecutorService sessionThread, Consumer<KeepAlive> dead) throws Exception {
        AttemptSockets sockets = new AttemptSockets(options.tls()
                ? TlsContexts.socketFactory(options.caFile()) : NoDelaySockets.factory());
        KeepAlive keepAlive = new KeepAlive(sessionThread, Duration.ofSeconds(keepAliveSeconds), dead);
        MqttAsyncClient client = new MqttAsyncClient(uri, options.clientId(), new MemoryPersistence(),
                keepAlive.pingSender(), threads);
        keepAlive.watch(client);
        client.setManualAcks(true); // the session acknowledges what it has taken: IncomingFlow
        return new Attempt(client, sockets, keepAlive, options.tls());
    }

    /** The CONNECT of this attempt: a fresh password, the last will, and Paho's own reconnects off. */
    MqttConnectOptions connectOptions(ConnectionOptions options, Settings current, char[] password) {
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setUserName(options.username());
        connect.setPassword(password);
        connect.setWill(options.willTopic(), options.will().get(), 1, false);
        connect.setKeepAliveInterval(current.keepAlive());
        connect.setCleanSession(current.cleanSession());
        connect.setConnectionTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
        connect.setAutomaticReconnect(false);
        connect.setMaxInflight(MAX_INFLIGHT_PAHO);
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connect.setSocketFactory(sockets.factory());
        connect.setHttpsHostnameVerificationEnabled(options.tls());
        return connect;
    }

    /**
     * Disconnects a live connection cleanly, each wait bounded: with a
     * {@code willTopic}, publishes the last-will event first (a planned goodbye).
     *
     * @return null when clean, else what went wrong, in words
     */
    String disconnect(String willTopic, Supplier<byte[]> will) {
        try {
            if (willTopic != null) {
                client.publish(willTopic, will.get(), 1, false).waitForCompletion(WAIT_MILLIS);
            }
            client.disconnect(QUIESCE_MILLIS).waitForCompletion(WAIT_MILLIS);
            return null;
        } catch (MqttException e) {
            return Failures.describe(e);
        }
    }

    /** How far the attempt got: the step it waits for. */
    ConnectStep step() {
        return connackReceived ? ConnectStep.SUBACK : sockets.step(tls);
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Subscribed: the attempt's deadline no longer applies. */
    void succeeded() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /**
     * Gives the attempt up: closes its socket and its client on the closer,
     * so that a Paho call that hangs holds only a closer thread, never the
     * session's. Session thread only.
     */
    void abandon(Executor closer) {
        succeeded();
        keepAlive.stop();
        closer.execute(() -> {
            sockets.close();
            try {
                client.disconnectForcibly(0, 0, false);
            } catch (MqttException e) {
                // closing anyway
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                // a connect that still winds down closes itself
            }
        });
    }
}
