package trin.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import javax.net.SocketFactory;

import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The platform's side of a measurement: a Paho client (TCP_NODELAY, so that
 * its own Nagle delays are not counted against the device) that sends
 * {@code sum_these} commands as the platform does and times each round trip,
 * from the publish call to the reply's arrival, in an HdrHistogram.
 */
public final class Platform implements AutoCloseable {

    public static final String SERVER = "000000000000000";
    static final String EXPECTED_REPLY = "{\"x\":[0,0,6]}";

    private final MqttAsyncClient paho;
    private final AtomicLong tokens = new AtomicLong();
    private volatile Phase phase;
    private volatile BiConsumer<String, byte[]> listener = (t, p) -> { };

    private Platform(MqttAsyncClient paho) {
        this.paho = paho;
    }

    public static Platform connect(String host, int port, String... filters) throws MqttException {
        MqttAsyncClient paho = new MqttAsyncClient("tcp://" + host + ":" + port, "bench-platform-" + System.nanoTime(),
                new MemoryPersistence());
        Platform platform = new Platform(paho);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(65_000);
        options.setKeepAliveInterval(60);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(new NoDelay());
        paho.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("platform connection lost: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                platform.arrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // round trips end at the reply
            }
        });
        paho.connect(options).waitForCompletion(10_000);
        if (filters.length > 0) {
            int[] qos = new int[filters.length];
            java.util.Arrays.fill(qos, 1);
            paho.subscribe(filters, qos).waitForCompletion(10_000);
        }
        return platform;
    }

    /** Everything that is no reply of a running phase goes here (on Paho's callback thread). */
    public void listen(BiConsumer<String, byte[]> listener) {
        this.listener = listener;
    }

    private void arrived(String topic, byte[] payload) {
        long now = System.nanoTime();
        Phase p = phase;
        int slash = topic.lastIndexOf("/>/");
        if (p != null && slash > 0) {
            Long start = p.started.remove(topic.substring(slash + 3));
            if (start != null) {
                if (!EXPECTED_REPLY.equals(new String(payload, StandardCharsets.UTF_8))) {
                    p.wrong++;
                }
                p.histogram.recordValue(Math.max(1, (now - start) / 1000));
                p.lastReply = now;
                p.window.release();
                return;
            }
        }
        listener.accept(topic, payload);
    }

    /** One phase's figures; latencies in microseconds. */
    public record RoundTrips(String name, int wanted, long done, long wrong, int window, double seconds,
            Histogram histogram, String stoppedBecause) {
        public boolean complete() {
            return stoppedBecause == null && wrong == 0 && done == wanted;
        }

        public double perSecond() {
            return done / Math.max(seconds, 1e-9);
        }

        public String line() {
            return String.format("%-34s %6d/%-6d in %6.2f s = %7.0f cmds/s; us p50 %6d p99 %6d max %7d%s", name,
                    done, wanted, seconds, perSecond(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue(),
                    complete() ? "" : "; INCOMPLETE: " + (stoppedBecause == null ? wrong + " wrong" : stoppedBecause));
        }
    }

    private static final class Phase {
        final Map<String, Long> started = new ConcurrentHashMap<>();
        final Histogram histogram = new Histogram(60_000_000L, 3);
        final Semaphore window;
        long wrong;
        volatile long lastReply;

        Phase(int window) {
            this.window = new Semaphore(window);
        }
    }

    /**
     * Sends {@code count} commands, at most {@code window} unanswered at a time, to the command topics in turn
     * ({@code CID/UID/PID/</SENDER}); a reply must come within {@code stallSeconds}.
     */
    public RoundTrips run(String name, List<String> commandTopics, int count, int window, int stallSeconds)
            throws InterruptedException {
        Phase p = new Phase(window);
        phase = p;
        String stopped = null;
        long first = System.nanoTime();
        int sent = 0;
        while (sent < count) {
            if (!p.window.tryAcquire(stallSeconds, TimeUnit.SECONDS)) {
                stopped = "no reply for " + stallSeconds + " s";
                break;
            }
            String token = "t" + tokens.incrementAndGet();
            byte[] payload = ("{\"c\":[0,\"" + token + "\",[\"sum_these\",1,2,3]]}").getBytes(StandardCharsets.UTF_8);
            p.started.put(token, System.nanoTime());
            try {
                paho.publish(commandTopics.get(sent % commandTopics.size()), payload, 1, false);
            } catch (MqttException e) {
                p.started.remove(token);
                p.window.release();
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    Thread.onSpinWait();
                    continue;
                }
                stopped = "publish failed: " + e;
                break;
            }
            sent++;
        }
        if (stopped == null && !p.window.tryAcquire(window, stallSeconds, TimeUnit.SECONDS)) {
            stopped = "replies missing at the end: " + p.started.size();
        }
        phase = null;
        long end = p.lastReply == 0 ? System.nanoTime() : p.lastReply;
        synchronized (p) {
            return new RoundTrips(name, count, p.histogram.getTotalCount(), p.wrong, window, (end - first) / 1e9,
                    p.histogram.copy(), stopped);
        }
    }

    public void publish(String topic, String payload, int qos) throws MqttException {
        paho.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    @Override
    public void close() {
        try {
            if (paho.isConnected()) {
                paho.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            paho.close(true);
        } catch (MqttException e) {
            // closed anyway
        }
    }

    /** Plain sockets with Nagle's algorithm off. */
    public static final class NoDelay extends SocketFactory {
        private final SocketFactory plain = SocketFactory.getDefault();

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(plain.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(plain.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(plain.createSocket(address, port, localAddress, localPort));
        }
    }
}
