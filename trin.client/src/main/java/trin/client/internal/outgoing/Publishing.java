package trin.client.internal.outgoing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.client.internal.outbox.Outbox;
import trin.client.internal.status.Counters;
import trin.client.internal.threads.SessionThread;

/**
 * How messages reach the connected client: the outbox in order within the
 * in-flight window, replies straight from the caller's thread when nothing
 * waits, QoS 0 messages at once or not at all, and the connect sequence ahead
 * of everything. After a connect the outbox is held until the connect
 * sequence has been handed over ({@link #release()}), so no backlog, and no
 * message published meanwhile, overtakes the dump.
 *
 * <p>A message sent at once ({@link #sendNow}) is kept in memory, not in the
 * journal, until the broker confirms it; if the connection goes first, it is
 * put back into the outbox in its place (its sequence number) and sent again
 * after the reconnect. A crash of the JVM loses it.
 *
 * <p>The hold is the session thread's; the in-flight window ({@code inflight},
 * {@code direct}, {@code open}) is guarded by {@code window}, taken before the
 * outbox's lock, never after.
 */
public final class Publishing {

    private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);

    private final Supplier<MqttAsyncClient> connected;
    private final Outbox outbox;
    private final Counters counters;
    private final SessionThread thread;
    private final IntSupplier maxInflight;
    private final Runnable drained;
    private final Object window = new Object();
    /** Outbox entries in flight, by sequence number. Guarded by {@code window}. */
    private final Set<Long> inflight = new HashSet<>();
    /** Messages sent at once, in flight, kept until confirmed. Guarded by {@code window}. */
    private final Map<Long, Outbox.Entry> direct = new HashMap<>();
    /** Connected, the connect sequence out: messages may be sent at once. Guarded by {@code window}. */
    private boolean open;
    private boolean held;
    /** The session thread's list for {@link Outbox#pending}, reused. */
    private final List<Outbox.Entry> batch = new ArrayList<>();

    /**
     * @param connected the client while the session is connected, else null
     * @param drained told, outside every lock, each time the broker confirmed a message
     */
    public Publishing(Supplier<MqttAsyncClient> connected, Outbox outbox, Counters counters, SessionThread thread,
            IntSupplier maxInflight, Runnable drained) {
        this.connected = connected;
        this.outbox = outbox;
        this.counters = counters;
        this.thread = thread;
        this.maxInflight = maxInflight;
        this.drained = drained;
    }

    /** Messages not yet confirmed by the broker: the outbox's and those sent at once. Safe from any thread. */
    public int waiting() {
        int sentAtOnce;
        synchronized (window) {
            sentAtOnce = direct.size();
        }
        return sentAtOnce + outbox.size();
    }

    /** Connected: hold the outbox, and replies, until the connect sequence is out. Session thread. */
    public void connected() {
        held = true;
        synchronized (window) {
            open = false;
        }
    }

    /**
     * The connection has gone: nothing is in flight any more, and what was sent
     * at once goes back into the outbox. Session thread.
     */
    public void disconnected() {
        synchronized (window) {
            inflight.clear();
            open = false;
            if (!direct.isEmpty()) {
                List<Outbox.Entry> lost = new ArrayList<>(direct.values());
                direct.clear();
                lost.sort(Comparator.comparingLong(Outbox.Entry::seq));
                restore(lost);
            }
        }
        held = false;
    }

    /** The connect sequence has been handed over: let the outbox go. Safe from any thread. */
    public void release() {
        thread.run(() -> {
            held = false;
            synchronized (window) {
                open = connected.get() != null;
            }
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
    void publishAtMostOnce(String topic, byte[] payload) {
        MqttAsyncClient c = connected.get();
        if (c == null) {
            return;
        }
        try {
            c.publish(topic, payload, 0, false);
            counters.sent.incrementAndGet();
            counters.recent.out(topic, payload);
        } catch (MqttException e) {
            LOG.debug("QoS 0 message to {} not sent: {}", topic, e.getMessage());
        }
    }

    /**
     * Publishes a QoS 1 or 2 message from the caller's thread, if it can go now
     * without overtaking anything: connected, the connect sequence out, room in
     * the in-flight window and nothing waiting in the outbox. Otherwise returns
     * false, and the caller queues it.
     *
     * @throws IllegalStateException once the outbox is closed
     */
    boolean sendNow(String topic, byte[] payload, int qos, boolean priority) {
        MqttAsyncClient c;
        Outbox.Entry entry;
        synchronized (window) {
            if (!open || inflight.size() + direct.size() >= maxInflight.getAsInt() || !outbox.isEmpty()) {
                return false;
            }
            c = connected.get();
            if (c == null) {
                return false;
            }
            entry = outbox.unjournaled(topic, payload, qos, priority);
            direct.put(entry.seq(), entry);
        }
        try {
            c.publish(topic, payload, qos, false, null, new DirectOutcome(entry.seq()));
            counters.recent.out(topic, payload);
        } catch (MqttException e) {
            LOG.debug("Publishing to {} deferred: {}", topic, e.getMessage());
            lost(entry.seq());
        }
        return true;
    }

    /** Sends what waits in the outbox, if connected. Safe from any thread. */
    public void flush() {
        thread.run(this::flushNow);
    }

    private void flushNow() {
        MqttAsyncClient c = connected.get();
        if (c == null || held) {
            return;
        }
        batch.clear();
        synchronized (window) {
            int room = maxInflight.getAsInt() - inflight.size() - direct.size();
            if (room <= 0) {
                return;
            }
            outbox.pending(room, inflight, batch);
            for (Outbox.Entry entry : batch) {
                inflight.add(entry.seq());
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            Outbox.Entry entry = batch.get(i);
            try {
                c.publish(entry.topic(), entry.payload(), entry.qos(), false, null,
                        thread.listener(() -> delivered(entry.seq()), e -> notInFlight(entry.seq())));
                counters.recent.out(entry.topic(), entry.payload());
            } catch (MqttException e) {
                for (int j = i; j < batch.size(); j++) {
                    notInFlight(batch.get(j).seq());
                }
                LOG.debug("Publishing to {} deferred: {}", entry.topic(), e.getMessage());
                break;
            }
        }
        batch.clear();
    }

    private void notInFlight(long seq) {
        synchronized (window) {
            inflight.remove(seq);
        }
    }

    private void delivered(long seq) {
        notInFlight(seq);
        outbox.remove(seq);
        counters.sent.incrementAndGet();
        flushNow();
        drained.run();
    }

    /** A message sent at once was confirmed: forgotten, on Paho's thread, with no hand-over. */
    private void confirmed(long seq) {
        boolean kept;
        synchronized (window) {
            kept = direct.remove(seq) != null;
        }
        counters.sent.incrementAndGet();
        if (!kept) {
            outbox.remove(seq); // put back at a disconnect, and confirmed after all
        }
        if (!outbox.isEmpty()) {
            flush();
        }
        drained.run();
    }

    /**
     * A message sent at once will not be confirmed on this connection: back
     * into the outbox, before another can be sent at once past it.
     */
    private void lost(long seq) {
        synchronized (window) {
            Outbox.Entry entry = direct.remove(seq);
            if (entry == null) {
                return;
            }
            restore(List.of(entry));
        }
        flush();
    }

    private void restore(List<Outbox.Entry> lost) {
        try {
            outbox.restore(lost);
        } catch (IllegalStateException e) {
            LOG.debug("{} unconfirmed messages dropped: the client has stopped", lost.size());
        }
    }

    /** Outcomes of a message sent at once: handled where Paho reports them, without the session thread. */
    private final class DirectOutcome implements IMqttActionListener {

        private final long seq;

        DirectOutcome(long seq) {
            this.seq = seq;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            confirmed(seq);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            LOG.debug("Message {} not confirmed, queued again: {}", seq, e.toString());
            lost(seq);
        }
    }
}
