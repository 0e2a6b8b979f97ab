package trin.client.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * One connection attempt and, once subscribed, the connection it became: its
 * own Paho client, socket and keep-alive. A new attempt gets a new client, so
 * nothing of an abandoned one (a late callback, a stuck thread) can reach the
 * next. Fields without a modifier are the session thread's.
 */
final class Attempt {

    final MqttAsyncClient client;
    final AttemptSockets sockets;
    final KeepAlive keepAlive;
    final boolean tls;
    final long startedNanos = System.nanoTime();
    ScheduledFuture<?> deadline;
    boolean connackReceived;

    Attempt(MqttAsyncClient client, AttemptSockets sockets, KeepAlive keepAlive, boolean tls) {
        this.client = client;
        this.sockets = sockets;
        this.keepAlive = keepAlive;
        this.tls = tls;
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
