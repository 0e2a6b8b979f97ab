package trin.client.internal.session;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flow control for what arrives: the broker holds the commands the device
 * cannot answer yet, instead of the device accepting commands whose replies
 * it would have to drop.
 *
 * <p>Paho acknowledges nothing by itself ({@code setManualAcks}): a QoS 1 or 2
 * message is acknowledged as soon as it has been taken (handed to a worker, or
 * refused busy), unless the replies owed are within {@link #BURST} of the limit: commands
 * taken and not finished, and messages the broker has not yet confirmed (the
 * outbox and what was sent at once). Then its acknowledgement is held, and the
 * acknowledgements of everything after it, in order. A broker sends a client
 * only so many unacknowledged messages (Mosquitto's
 * {@code max_inflight_messages}, 20 by default) and keeps the rest queued for
 * it, which is its job under QoS 1. Nothing blocks Paho's threads: its
 * receiver goes on reading the acknowledgements that the replies waiting need.
 *
 * <p>Held acknowledgements go out, oldest first, when what is owed has drained
 * below the limit ({@link #drained}, and a check every
 * {@link #CHECK} while any is held): one for every
 * {@value #BURST} replies of room, since one acknowledgement may let a broker
 * send that many more (Mosquitto 2.0, Debian 12's, moves up to
 * {@code max_inflight_messages} messages from its queue into flight on each
 * acknowledgement of the oldest one in flight; 2.1 fixes it).
 *
 * <p>A broker that sends a held message again (Moquette does after a few
 * seconds, with the duplicate flag) gets the copy dropped: it was taken
 * already. QoS 0 messages have nothing to hold. Thread-safe: {@link #arrived}
 * and {@link #taken} run on Paho's callback thread, {@link #drained} wherever
 * something drained.
 */
final class IncomingFlow {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingFlow.class);
    /** The most messages one acknowledgement may let a broker send: Mosquitto's default window. */
    static final int BURST = 20;
    /** How often held acknowledgements are looked at when nothing else drains: {@link DeviceSession}'s. */
    static final Duration CHECK = Duration.ofMillis(20);
    private static final long LOUD_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** One message's acknowledgement, owed to the client (the connection) it arrived on. */
    record Ack(MqttAsyncClient client, int id, int qos) {
    }

    /** How an acknowledgement reaches the broker. */
    @FunctionalInterface
    interface Acknowledger {
        void acknowledge(Ack ack) throws MqttException;
    }

    /** The acknowledgement of a QoS 0 message: nothing to send, nothing to hold. */
    static final Ack NONE = new Ack(null, 0, 0);

    private final IntSupplier waiting;
    private final IntSupplier limit;
    private final Acknowledger acknowledger;
    private final ScheduledExecutorService timer;
    private final Duration checkEvery;
    /** Commands taken and not finished: queued or running. */
    private final AtomicInteger running = new AtomicInteger();
    /** Held acknowledgements, oldest first. Guarded by {@code this}, as is everything below. */
    private final Set<Ack> held = new LinkedHashSet<>();
    /** {@code held.size()}, read without the lock to make {@link #drained} cheap when nothing is held. */
    private volatile int heldCount;
    private ScheduledFuture<?> check;
    private long heldSince;
    private long heldInEpisode;
    private long episodes;
    private long lastLoud;
    private boolean loud;
    private long duplicates;

    /**
     * @param waiting messages waiting for the broker's confirmation
     * @param limit the most replies owed before acknowledgements are held
     * @param timer runs the check while acknowledgements are held, every {@code checkEvery}
     */
    IncomingFlow(IntSupplier waiting, IntSupplier limit, Acknowledger acknowledger, ScheduledExecutorService timer,
            Duration checkEvery) {
        this.waiting = waiting;
        this.limit = limit;
        this.acknowledger = acknowledger;
        this.timer = timer;
        this.checkEvery = checkEvery;
    }

    /** Acknowledges through Paho's own client, the one the message came on. */
    static void acknowledgeByPaho(Ack ack) throws MqttException {
        ack.client().messageArrivedComplete(ack.id(), ack.qos());
    }

    /**
     * A message arrived on {@code client}: its acknowledgement, to pass to
     * {@link #taken} once it is handed over, or null for a copy of a message
     * whose acknowledgement is still held, which is dropped.
     */
    Ack arrived(MqttAsyncClient client, MqttMessage message) {
        if (message.getQos() == 0) {
            return NONE;
        }
        Ack ack = new Ack(client, message.getId(), message.getQos());
        if (message.isDuplicate() && heldCount > 0) {
            synchronized (this) {
                if (held.contains(ack)) {
                    duplicates++;
                    LOG.debug("Dropped message {} sent again by the broker: it was taken, its acknowledgement held",
                            ack.id());
                    return null;
                }
            }
        }
        return ack;
    }

    /**
     * Hands a message to a worker ({@code work}), or refuses it busy if none can take it ({@code busy}), then
     * acknowledges it, or holds its acknowledgement while too many replies are owed. On Paho's callback thread.
     */
    void handOver(MqttAsyncClient client, MqttMessage message, Executor workers, Runnable work, Runnable busy) {
        Ack ack = arrived(client, message);
        if (ack == null) {
            return;
        }
        started();
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } finally {
                    finished();
                }
            });
        } catch (RejectedExecutionException e) {
            finished();
            busy.run();
        }
        taken(ack);
    }

    /** A command goes to a worker: owed until {@link #finished}. */
    void started() {
        running.incrementAndGet();
    }

    /** A command's work is done, its reply (if any) queued. */
    void finished() {
        running.decrementAndGet();
        drained();
    }

    /** The message has been handed over: acknowledged now, or held while too many replies are owed. */
    synchronized void taken(Ack ack) {
        if (ack == NONE) {
            return;
        }
        if (held.isEmpty() && owed() + BURST <= limit.getAsInt()) {
            send(ack);
            return;
        }
        if (held.isEmpty()) {
            startEpisode();
        }
        held.add(ack);
        heldInEpisode++;
        heldCount = held.size();
        release(); // what was owed may have gone out meanwhile
    }

    /** Something owed has gone (a reply confirmed, a command finished): held acknowledgements go if there is room. */
    void drained() {
        if (heldCount > 0) {
            synchronized (this) {
                release();
            }
        }
    }

    /** The connection has gone: what it held is no longer owed to anyone (the broker sends it again, or not). */
    synchronized void disconnected() {
        held.clear();
        heldCount = 0;
        stopCheck();
    }

    /** Commands taken plus messages waiting for the broker's confirmation. */
    int owed() {
        return running.get() + waiting.getAsInt();
    }

    /** How often acknowledgements were held, since the session started. */
    synchronized long episodes() {
        return episodes;
    }

    /** Copies of held messages the broker sent again, dropped. */
    synchronized long duplicates() {
        return duplicates;
    }

    /** Acknowledgements held now. */
    int held() {
        return heldCount;
    }

    /**
     * Sends the oldest held acknowledgements, one for every {@link #BURST} replies of room, in order, under the
     * lock so that no acknowledgement overtakes another. Paho only queues them for its sender.
     */
    private void release() {
        int room = limit.getAsInt() - owed();
        if (room < BURST || held.isEmpty()) {
            return;
        }
        Iterator<Ack> oldest = held.iterator();
        for (int n = room / BURST; n > 0 && oldest.hasNext(); n--) {
            Ack next = oldest.next();
            oldest.remove();
            send(next);
        }
        heldCount = held.size();
        if (held.isEmpty()) {
            endEpisode();
        }
    }

    /** Logged at most once a minute: a flood holds and releases many times. */
    private void startEpisode() {
        long now = System.nanoTime();
        heldSince = now;
        heldInEpisode = 0;
        episodes++;
        loud = episodes == 1 || now - lastLoud > LOUD_EVERY_NANOS;
        if (loud) {
            lastLoud = now;
            LOG.info("Holding back incoming messages: {} replies owed (limit {}); the broker keeps the rest until "
                    + "they have gone out ({} times since the session started)", owed(), limit.getAsInt(), episodes);
        }
        try {
            check = timer.scheduleWithFixedDelay(this::drained, checkEvery.toMillis(), checkEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            check = null; // the session is stopping
        }
    }

    private void endEpisode() {
        stopCheck();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heldSince);
        if (loud) {
            LOG.info("Taking incoming messages again: {} held back for {} ms", heldInEpisode, millis);
        } else {
            LOG.debug("Taking incoming messages again: {} held back for {} ms", heldInEpisode, millis);
        }
    }

    private void stopCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void send(Ack ack) {
        try {
            acknowledger.acknowledge(ack);
        } catch (MqttException | RuntimeException e) {
            // The connection went: the broker sends the message again on a persistent session, or not at all.
            LOG.debug("Could not acknowledge message {}: {}", ack.id(), e.toString());
        }
    }
}
