package trin.client.internal;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import trin.api.client.ConnectionState;
import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.client.internal.connection.NoDelaySockets;
import trin.testkit.Mosquitto;

/**
 * A load driver, not a test: the real client component against a real broker
 * on 127.0.0.1, with an application {@value #APP} answering {@code sum_these},
 * and a Paho client playing the platform that sends
 * {@code {"c":[0,"<token>",["sum_these",1,2,3]]}} (QoS 1) and times each round
 * trip, from the publish call to the arrival of the {@code x} reply on
 * {@code CID/UID/my_app_id/>/<token>}.
 *
 * <p>Runs a warm-up, then phase (a) with one command in flight at a time and
 * phase (b) with a window of outstanding commands, and prints commands per
 * second and p50/p90/p99/max of the round trip for each. Bounded in count and
 * in time: whatever happens it stops after {@code --max-seconds}.
 *
 * <p>Run it with {@code trin.client/bench.sh load [options]}; options (defaults):
 * <ul>
 * <li>{@code --broker mosquitto|smart} (mosquitto): trin.testkit's Mosquitto, or the
 * in-process Smart broker
 * <li>{@code --warmup 2000}, {@code --n1 10000}, {@code --n8 20000}, {@code --window 8}
 * <li>{@code --max-seconds 120}: the whole run; {@code --phase-seconds} (a third of
 * it): one phase; {@code --stall-seconds 10}: how long one reply may take before the
 * phase is abandoned
 * <li>{@code --platform-nodelay true}: TCP_NODELAY on the platform's socket, so that the
 * driver's own Nagle delays are not counted against the device
 * <li>{@code --workers N}: the client's command workers (default: the component's)
 * </ul>
 */
public final class LoadDriver {

    static final String APP = "my_app_id";
    private static final String CID = ClientHarness.CID;
    private static final String UID = ClientHarness.UID;
    private static final String COMMAND_TOPIC = CID + "/" + UID + "/" + APP + "/</" + ClientHarness.SERVER;
    private static final String REPLY_PREFIX = CID + "/" + UID + "/" + APP + "/>/";
    private static final String EXPECTED_REPLY = "{\"x\":[0,0,6]}";

    private final Map<String, String> options;
    private final long deadline;
    private MqttAsyncClient platform;
    /** The phase now running; replies of an abandoned phase find none and are counted as late. */
    private volatile Phase phase;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicLong lateReplies = new AtomicLong();
    private final AtomicLong unexpectedReplies = new AtomicLong();
    /** Tokens are unique over the whole run, so that a late reply never ends a round trip of a later phase. */
    private final AtomicLong tokens = new AtomicLong();

    private LoadDriver(Map<String, String> options) {
        this.options = options;
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intOption("max-seconds", 120));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int maxSeconds = Integer.parseInt(options.getOrDefault("max-seconds", "120"));
        // Whatever hangs (a broker, a close), the JVM is gone 30 s after the budget.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds + 30L));
                System.err.println("LoadDriver: still running " + (maxSeconds + 30) + " s after start; exiting");
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "load-driver-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status = new LoadDriver(options).run();
        watchdog.interrupt();
        System.exit(status);
    }

    private int run() throws Exception {
        String brokerName = options.getOrDefault("broker", "mosquitto").toLowerCase(Locale.ROOT);
        if (!List.of("mosquitto", "mosquitto-nodelay", "smart").contains(brokerName)) {
            System.err.println("--broker is mosquitto, mosquitto-nodelay or smart, not " + brokerName);
            return 2;
        }
        if (brokerName.startsWith("mosquitto") && !Mosquitto.available()) {
            System.err.println("mosquitto is not installed (apt-get install mosquitto); try --broker smart");
            return 2;
        }
        int warmup = intOption("warmup", 2000);
        int n1 = intOption("n1", 10_000);
        int n8 = intOption("n8", 20_000);
        int window = intOption("window", 8);

        Path dir = Files.createTempDirectory("trin-load-");
        boolean ok;
        try (ClientHarness harness = ClientHarness.on(BrokerKind.valueOf(brokerName.toUpperCase(Locale.ROOT)),
                dir)) {
            try {
                ok = measure(harness, warmup, n1, n8, window);
            } finally {
                // The platform goes first, the client and the broker after it (closing the harness).
                closePlatform();
            }
        } finally {
            deleteQuietly(dir);
        }
        return ok ? 0 : 1;
    }

    private boolean measure(ClientHarness harness, int warmup, int n1, int n8, int window) throws Exception {
        harness.handler(APP, sumThese());
        if (options.containsKey("workers")) {
            harness.with("workers", intOption("workers", 4));
        }
        connectPlatform(harness.broker);
        harness.startClient();
        if (!connected.await(ClientHarness.WAIT.toSeconds(), TimeUnit.SECONDS)) {
            System.err.println("The client did not connect within " + ClientHarness.WAIT.toSeconds() + " s");
            return false;
        }
        System.out.printf("broker %s on 127.0.0.1:%d; client connected; TCP_NODELAY on the platform's socket: %s; "
                + "%d cores; budget %d s, %d s per phase%n", harness.broker, harness.broker.port(), platformNoDelay(),
                Runtime.getRuntime().availableProcessors(), intOption("max-seconds", 120), phaseSeconds());
        // Let the on-connect dump and connect event go out before timing anything.
        Thread.sleep(500);

        Result w = run("warm-up", warmup, window);
        print(w);
        Result a = run("(a) 1 in flight", n1, 1);
        print(a);
        Result b = run("(b) " + window + " in flight", n8, window);
        print(b);
        boolean ok = w.complete() && a.complete() && b.complete();

        var status = harness.client.status();
        System.out.printf("client: state %s, counters %s, outbox depth %d%n", status.state(),
                status.counters(), status.outboxDepth());
        System.out.printf("platform side: %d late replies (after their phase), %d unexpected replies%n",
                lateReplies.get(), unexpectedReplies.get());
        if (status.state() != ConnectionState.CONNECTED) {
            ok = false;
        }
        return ok;
    }

    private void closePlatform() {
        if (platform == null) {
            return;
        }
        try {
            if (platform.isConnected()) {
                platform.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            platform.close(true);
        } catch (MqttException e) {
            // closed anyway
        }
    }

    private static CommandHandler sumThese() {
        return c -> "sum_these".equals(c.name())
                ? Reply.ok(c.args().stream().mapToInt(a -> ((Number) a).intValue()).sum())
                : Reply.unknownCommand();
    }

    /** The platform: subscribed to the app's replies and to the client's events, before the client starts. */
    private void connectPlatform(Broker broker) throws MqttException {
        platform = new MqttAsyncClient("tcp://127.0.0.1:" + broker.port(), "load-platform-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setCleanSession(true);
        connect.setAutomaticReconnect(false);
        connect.setMaxInflight(1000);
        connect.setKeepAliveInterval(60);
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (platformNoDelay()) {
            connect.setSocketFactory(NoDelaySockets.factory());
        }
        String[] login = broker.platformLogin();
        if (login != null) {
            connect.setUserName(login[0]);
            connect.setPassword(login[1].toCharArray());
        }
        platform.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("platform connection lost: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // round trips end at the reply
            }
        });
        platform.connect(connect).waitForCompletion(10_000);
        platform.subscribe(new String[] {REPLY_PREFIX + "+", CID + "/" + UID + "/0/>"}, new int[] {1, 1})
                .waitForCompletion(10_000);
    }

    /** On Paho's callback thread: ends a round trip. */
    private void arrived(String topic, byte[] payload) {
        long now = System.nanoTime();
        if (!topic.startsWith(REPLY_PREFIX)) {
            if (new String(payload, StandardCharsets.UTF_8).contains(",102,")) {
                connected.countDown();
            }
            return;
        }
        String token = topic.substring(REPLY_PREFIX.length());
        Phase p = phase;
        Long start = p == null ? null : p.started.remove(token);
        if (start == null) {
            lateReplies.incrementAndGet();
            return;
        }
        if (!EXPECTED_REPLY.equals(new String(payload, StandardCharsets.UTF_8))) {
            unexpectedReplies.incrementAndGet();
            p.wrong.incrementAndGet();
        }
        p.record(now - start, now);
        p.window.release();
    }

    /** One measured phase: its outstanding tokens and the round trips seen so far. */
    private static final class Phase {
        final String name;
        final long[] latencies;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger wrong = new AtomicInteger();
        final Map<String, Long> started = new ConcurrentHashMap<>();
        final Semaphore window;
        volatile long lastReply;

        Phase(String name, int count, int window) {
            this.name = name;
            this.latencies = new long[count];
            this.window = new Semaphore(window);
        }

        void record(long nanos, long now) {
            int i = done.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = nanos;
            }
            lastReply = now;
        }
    }

    record Result(String name, int wanted, int done, int wrong, int window, double seconds, long[] sorted,
            String stoppedBecause, long cpuMillis, long gcCount, long gcMillis) {
        boolean complete() {
            return stoppedBecause == null && wrong == 0;
        }
    }

    private Result run(String name, int count, int window) throws Exception {
        Phase p = new Phase(name, count, window);
        phase = p;
        long stall = TimeUnit.SECONDS.toNanos(intOption("stall-seconds", 10));
        long deadline = Math.min(this.deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(phaseSeconds()));
        String stopped = null;
        long cpu0 = cpuNanos();
        long[] gc0 = gc();
        long first = System.nanoTime();
        int sent = 0;
        while (sent < count) {
            long left = Math.min(stall, deadline - System.nanoTime());
            if (left <= 0) {
                stopped = "time spent";
                break;
            }
            if (!p.window.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                stopped = System.nanoTime() >= deadline ? "time spent"
                        : "no reply for " + TimeUnit.NANOSECONDS.toSeconds(stall) + " s";
                break;
            }
            String token = "t" + tokens.incrementAndGet();
            byte[] payload = ("{\"c\":[0,\"" + token + "\",[\"sum_these\",1,2,3]]}").getBytes(StandardCharsets.UTF_8);
            p.started.put(token, System.nanoTime());
            try {
                platform.publish(COMMAND_TOPIC, payload, 1, false);
            } catch (MqttException e) {
                p.started.remove(token);
                stopped = "publish failed: " + e;
                break;
            }
            sent++;
        }
        // The last replies of the window.
        if (stopped == null && !p.window.tryAcquire(window,
                Math.min(stall, Math.max(0, this.deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
            stopped = "replies missing at the end: " + p.started.size();
        }
        phase = null;
        long end = p.lastReply == 0 ? System.nanoTime() : p.lastReply;
        long cpu = cpuNanos() - cpu0;
        long[] gc1 = gc();
        int done = Math.min(p.done.get(), count);
        long[] sorted = Arrays.copyOf(p.latencies, done);
        Arrays.sort(sorted);
        return new Result(name, count, done, p.wrong.get(), window, (end - first) / 1e9, sorted, stopped,
                TimeUnit.NANOSECONDS.toMillis(cpu), gc1[0] - gc0[0], gc1[1] - gc0[1]);
    }

    private static void print(Result r) {
        System.out.printf("%-18s %6d/%-6d cmds in %6.2f s = %8.0f cmds/s; round trip ms: p50 %.3f  p90 %.3f  "
                + "p99 %.3f  max %.3f; JVM CPU %.0f us/cmd, GC %d (%d ms)%s%s%n",
                r.name(), r.done(), r.wanted(), r.seconds(), r.done() / Math.max(r.seconds(), 1e-9),
                ms(percentile(r.sorted(), 50)), ms(percentile(r.sorted(), 90)), ms(percentile(r.sorted(), 99)),
                ms(r.sorted().length == 0 ? 0 : r.sorted()[r.sorted().length - 1]),
                r.done() == 0 ? 0.0 : r.cpuMillis() * 1000.0 / r.done(), r.gcCount(), r.gcMillis(),
                r.wrong() == 0 ? "" : "; " + r.wrong() + " WRONG replies",
                r.stoppedBecause() == null ? "" : "; INCOMPLETE: " + r.stoppedBecause());
    }

    /** Nearest rank. */
    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private int phaseSeconds() {
        return intOption("phase-seconds", Math.max(1, intOption("max-seconds", 120) / 3));
    }

    private boolean platformNoDelay() {
        return Boolean.parseBoolean(options.getOrDefault("platform-nodelay", "true"));
    }

    private int intOption(String name, int defaultValue) {
        String value = options.get(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "; options look like --n1 10000");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("no value for " + arg);
            }
        }
        return options;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory left behind
        }
    }

}
