package trin.client.internal.connection;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttPingSender;

/**
 * The keep-alive of one connection, run by the session instead of Paho's
 * timer. Paho times its pings after the last packet it sent, so a client that
 * keeps publishing into a dead link pings late and notices after two to three
 * keep-alive intervals, with a SEVERE log line. Here the session asks Paho
 * every eighth of a keep-alive whether a ping is due (nothing received, or
 * nothing sent, for a keep-alive); Paho sends it, and when no answer has come
 * half a keep-alive later the link is dead. So a dead link is noticed 1.5 to
 * 1.75 keep-alive intervals after the broker's last packet, whatever the
 * traffic, and never later than 2.
 *
 * <p>All of it runs on the session thread. Paho's own timer never runs: the
 * ping sender given to Paho only starts and stops this one (it is a proxy,
 * as the interface names a class of Paho's that its bundle does not export).
 */
final class KeepAlive {

    private final ScheduledExecutorService sessionThread;
    private final long tickNanos;
    private final long answerNanos;
    private final Consumer<KeepAlive> dead;
    private volatile MqttAsyncClient client;
    private ScheduledFuture<?> ticks;
    private AtomicBoolean outstanding;
    private long pingSentAt;

    /**
     * @param keepAlive the connection's keep-alive; zero turns the check off, as it does in MQTT
     * @param dead told on the session thread when a ping of this connection went unanswered
     */
    KeepAlive(ScheduledExecutorService sessionThread, Duration keepAlive, Consumer<KeepAlive> dead) {
        this.sessionThread = sessionThread;
        this.tickNanos = keepAlive.toNanos() / 8;
        // the tick nearest to half a keep-alive after the ping, not the one after it
        this.answerNanos = keepAlive.toNanos() / 2 - tickNanos / 2;
        this.dead = dead;
    }

    /** The ping sender to give Paho's client; {@link #watch} must follow before the client connects. */
    MqttPingSender pingSender() {
        return (MqttPingSender) Proxy.newProxyInstance(MqttPingSender.class.getClassLoader(),
                new Class<?>[] {MqttPingSender.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "start" -> onSessionThread(this::start);
                        case "stop" -> onSessionThread(this::stop);
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "toString" -> {
                            return "trin keep-alive";
                        }
                        default -> {
                            // init and schedule: the timing is ours
                        }
                    }
                    return null;
                });
    }

    private void onSessionThread(Runnable work) {
        try {
            sessionThread.execute(work);
        } catch (RejectedExecutionException e) {
            // the session has ended, and its checks with it
        }
    }

    void watch(MqttAsyncClient client) {
        this.client = client;
    }

    /** Stops the checks; safe to call more than once. Session thread only. */
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
        outstanding = null;
    }

    private void start() {
        if (ticks != null || tickNanos <= 0) {
            return;
        }
        ticks = sessionThread.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        MqttAsyncClient c = client;
        if (ticks == null || c == null) {
            return;
        }
        if (outstanding != null) {
            if (outstanding.get()) {
                outstanding = null;
            } else if (System.nanoTime() - pingSentAt >= answerNanos) {
                stop();
                dead.accept(this);
                return;
            } else {
                return;
            }
        }
        AtomicBoolean answered = new AtomicBoolean();
        try {
            if (c.checkPing(null, answer(answered)) != null) {
                outstanding = answered;
                pingSentAt = System.nanoTime();
            }
        } catch (MqttException e) {
            // the connection is going; its loss is reported through the callback
        }
    }

    private static IMqttActionListener answer(AtomicBoolean answered) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                answered.set(true);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                // the connection is lost; reported elsewhere
            }
        };
    }
}
