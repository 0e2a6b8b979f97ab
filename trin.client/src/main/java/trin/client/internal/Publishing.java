package trin.client.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.client.internal.outbox.Outbox;

/**
 * How messages reach the connected client: the outbox in order within the
 * in-flight window, QoS 0 messages at once or not at all, and the connect
 * sequence ahead of everything. After a connect the outbox is held until
 * the connect sequence has been handed over ({@link #release()}), so no
 * backlog, and no message published meanwhile, overtakes the dump.
 *
 * <p>The in-flight set and the hold are the session thread's.
 */
final class Publishing {

    private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);

    private final Supplier<MqttAsyncClient> connected;
    private final Outbox outbox;
    private final Counters counters;
    private final SessionThread thread;
    private final IntSupplier maxInflight;
    private final Set<Long> inflight = new HashSet<>();
    private boolean held;

    /** @param connected the client while the session is connected, else null */
    Publishing(Supplier<MqttAsyncClient> connected, Outbox outbox, Counters counters, SessionThread thread,
            IntSupplier maxInflight) {
        this.connected = connected;
        this.outbox = outbox;
        this.counters = counters;
        this.thread = thread;
        this.maxInflight = maxInflight;
    }

    /** Connected: hold the outbox until the connect sequence is out. Session thread. */
    void connected() {
        held = true;
    }

    /** The connection has gone: nothing is in flight any more. Session thread. */
    void disconnected() {
        inflight.clear();
        held = false;
    }

    /** The connect sequence has been handed over: let the outbox go. Safe from any thread. */
    void release() {
        thread.run(() -> {
            held = false;
            flushNow();
        });
    }

    /**
     * Publishes a message of this connection now, ahead of the outbox: the
     * connect event and the dump. If the connection is gone, so is their
     * reason to be sent.
     */
    void publishFirst(String topic, byte[] payload, int qos) {
        MqttAsyncClient c = connected.get();
        if (c == null) {
            return;
        }
        try {
            c.publish(topic, payload, qos, false, null, thread.listener(counters.sent::incrementAndGet,
                    e -> LOG.debug("Message to {} not delivered: {}", topic, e.toString())));
            counters.recent.out(topic, payload);
        } catch (MqttException e) {
            LOG.debug("Message to {} not sent: {}", topic, e.getMessage());
        }
    }

    /** Publishes a QoS 0 message now if connected; a QoS 0 message is lost when disconnected anyway. */
    boolean publishAtMostOnce(String topic, byte[] payload) {
        MqttAsyncClient c = connected.get();
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

    /** Sends what waits in the outbox, if connected. Safe from any thread. */
    void flush() {
        thread.run(this::flushNow);
    }

    private void flushNow() {
        MqttAsyncClient c = connected.get();
        if (c == null || held) {
            return;
        }
        int room = maxInflight.getAsInt() - inflight.size();
        if (room <= 0) {
            return;
        }
        List<Outbox.Entry> next = outbox.pending(room, inflight);
        for (Outbox.Entry entry : next) {
            inflight.add(entry.seq());
            try {
                c.publish(entry.topic(), entry.payload(), entry.qos(), false, null,
                        thread.listener(() -> delivered(entry.seq()), e -> inflight.remove(entry.seq())));
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
}
