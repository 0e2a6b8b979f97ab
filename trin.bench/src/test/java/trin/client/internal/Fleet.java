package trin.client.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import trin.api.client.Event;
import trin.bench.Platform;
import trin.bench.Proc;

/**
 * Many trin sessions in one JVM against one broker, each with its own UID and
 * key, each answering {@code sum_these} on {@code my_app_id} as the sample
 * application does: a load test of a broker by a fleet of gateways, and the
 * cost of a session. Also, with {@code --mode events}, one session publishing
 * events as fast as a subscriber takes them.
 *
 * <p>Prints its figures as {@code RESULT name=value} lines. Options (defaults):
 * {@code --host 127.0.0.1 --port 1883 --cid 12345678 --sessions 100
 * --commands 10000 --window 8 --idle-seconds 10 --connect-seconds 300
 * --mode fleet|events --events 100000 --client name=value,...}. The broker must let the devices in:
 * Mosquitto with anonymous logins does; a Smart broker needs each device's key
 * registered, which this tool does not do.
 */
public final class Fleet {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    private Fleet() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            OPTIONS.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String host = option("host", "127.0.0.1");
        int port = Integer.parseInt(option("port", "1883"));
        String cid = option("cid", "12345678");
        Path dir = Files.createTempDirectory("trin-fleet-");
        int status = "events".equals(option("mode", "fleet")) ? events(host, port, cid, dir) : fleet(host, port, cid,
                dir);
        System.out.flush();
        System.exit(status);
    }

    private static String option(String name, String value) {
        return OPTIONS.getOrDefault(name, value);
    }

    private static int integer(String name, int value) {
        return Integer.parseInt(option(name, Integer.toString(value)));
    }

    private static void result(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }

    static String uid(int i) {
        return String.format("BENCH%010d", i);
    }

    private static int fleet(String host, int port, String cid, Path dir) throws Exception {
        int n = integer("sessions", 100);
        long pid = ProcessHandle.current().pid();
        Set<String> connected = ConcurrentHashMap.newKeySet();
        try (Platform platform = Platform.connect(host, port, cid + "/+/0/>", cid + "/+/" + BenchSession.APP + "/>/+")) {
            platform.listen((topic, payload) -> {
                if (new String(payload, StandardCharsets.UTF_8).contains(",102,")) {
                    connected.add(topic.split("/")[1]);
                }
            });
            System.gc();
            long rss0 = Proc.rssKib(pid);
            long threads0 = Proc.threads(pid);
            long cpu0 = Proc.cpuNanos(pid);
            long start = System.nanoTime();
            List<BenchSession> sessions = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    sessions.add(BenchSession.start(host, port, cid, uid(i), dir.resolve(uid(i)),
                            Map.of("reconnectMaxDelay", 10)));
                    topics.add(cid + "/" + uid(i) + "/" + BenchSession.APP + "/</" + Platform.SERVER);
                }
                long deadline = start + TimeUnit.SECONDS.toNanos(integer("connect-seconds", 300));
                while (connected.size() < n && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long cpuConnect = Proc.cpuNanos(pid) - cpu0;
                result("sessions", n);
                result("connected", connected.size());
                result("connect_ms", connectMillis);
                result("connect_cpu_ms_per_session", String.format("%.2f", cpuConnect / 1e6 / n));
                if (connected.size() < n) {
                    return 1;
                }
                int idle = integer("idle-seconds", 10);
                long cpuIdle0 = Proc.cpuNanos(pid);
                Thread.sleep(TimeUnit.SECONDS.toMillis(idle));
                long cpuIdle = Proc.cpuNanos(pid) - cpuIdle0;
                System.gc();
                long rss = Proc.rssKib(pid);
                result("rss_base_kib", rss0);
                result("rss_kib", rss);
                result("rss_kib_per_session", String.format("%.1f", (rss - rss0) / (double) n));
                result("threads", Proc.threads(pid));
                result("threads_per_session", String.format("%.1f", (Proc.threads(pid) - threads0) / (double) n));
                result("idle_cpu_us_per_session_per_s", String.format("%.2f", cpuIdle / 1e3 / n / idle));
                int commands = integer("commands", 10_000);
                long cpuLoad0 = Proc.cpuNanos(pid);
                Platform.RoundTrips r = platform.run("fleet " + n + " sessions, " + integer("window", 8)
                        + " in flight", topics, commands, integer("window", 8), 20);
                long cpuLoad = Proc.cpuNanos(pid) - cpuLoad0;
                System.out.println(r.line());
                result("answered", r.done());
                result("commands", commands);
                result("cmds_per_s", String.format("%.0f", r.perSecond()));
                result("p50_us", r.histogram().getValueAtPercentile(50));
                result("p99_us", r.histogram().getValueAtPercentile(99));
                result("max_us", r.histogram().getMaxValue());
                result("cpu_us_per_cmd", String.format("%.0f", cpuLoad / 1e3 / Math.max(1, r.done())));
                return r.complete() ? 0 : 1;
            } finally {
                sessions.parallelStream().forEach(BenchSession::close);
            }
        }
    }

    /**
     * Events end to end: trin's session publishing {@code e} messages as fast
     * as a counting subscriber takes them, at QoS 0 then 1; then a bare Paho
     * client publishing the very bytes trin sent, to the same topic through
     * the same broker, subscriber and window: the floor for any Paho
     * publisher. {@code --client name=value,...} sets trin.client properties
     * of the session (e.g. {@code maxInflight=200}).
     */
    private static int events(String host, int port, String cid, Path dir) throws Exception {
        int count = integer("events", 100_000);
        String uid = uid(0);
        Map<String, Object> client = new LinkedHashMap<>();
        for (String pair : option("client", "").split(",")) {
            if (pair.contains("=")) {
                String value = pair.substring(pair.indexOf('=') + 1);
                client.put(pair.substring(0, pair.indexOf('=')), value.matches("-?\\d+") ? Integer.valueOf(value) : value);
            }
        }
        Counter counter = new Counter();
        int status = 0;
        try (Platform subscriber = Platform.connect(host, port, cid + "/" + uid + "/" + BenchSession.APP + "/>")) {
            subscriber.listen(counter::arrived);
            try (BenchSession session = BenchSession.start(host, port, cid, uid, dir.resolve(uid), client)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (session.client().status().state() != trin.api.client.ConnectionState.CONNECTED
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                List<Event> one = List.of(new Event(0, 123, "Loop Counter"));
                for (int qos : new int[] {0, 1}) {
                    status |= counter.drive("events_qos" + qos, count,
                            () -> session.client().publishEvents(BenchSession.APP, one, qos));
                }
            }
            // The same bytes from a bare Paho client, Nagle off, a window as roomy as the driver's.
            String topic = counter.firstTopic;
            byte[] payload = counter.firstPayload;
            if (topic == null) {
                return 1;
            }
            MqttAsyncClient bare = new MqttAsyncClient(
                    "tcp://" + host + ":" + port, "bench-bare-publisher",
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setMaxInflight(65_000); // the driver's window paces; PUBACKs may trail the arrivals
            options.setSocketFactory(new Platform.NoDelay());
            bare.connect(options).waitForCompletion(10_000);
            try {
                for (int qos : new int[] {0, 1}) {
                    status |= counter.drive("bare_events_qos" + qos, count,
                            () -> bare.publish(topic, payload, qos, false));
                }
            } finally {
                bare.disconnect(1000).waitForCompletion(2000);
                bare.close();
            }
        }
        return status;
    }

    /** Counts arrivals and gives room back to the publishing loop (no spinning: the driver must not eat a core). */
    private static final class Counter {
        /** At most this many on their way, well below the outbox's capacity, so that nothing is dropped. */
        static final int WINDOW = 2000;
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong lastArrival = new AtomicLong();
        private final AtomicReference<Semaphore> room = new AtomicReference<>();
        private volatile String firstTopic;
        private volatile byte[] firstPayload;

        void arrived(String topic, byte[] payload) {
            if (firstTopic == null) {
                firstPayload = payload;
                firstTopic = topic;
            }
            received.incrementAndGet();
            lastArrival.set(System.nanoTime());
            Semaphore w = room.get();
            if (w != null) {
                w.release();
            }
        }

        /** Publishes {@code count} times within the window; prints the figures; 0 if all arrived. */
        int drive(String name, int count, Publish publish) throws Exception {
            long before = received.get();
            Semaphore window = new Semaphore(WINDOW);
            room.set(window);
            long start = System.nanoTime();
            int sent = 0;
            for (; sent < count; sent++) {
                if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                    break;
                }
                publish.run();
            }
            window.tryAcquire(WINDOW, 10, TimeUnit.SECONDS);
            long got = received.get() - before;
            double seconds = (lastArrival.get() - start) / 1e9;
            result(name + "_sent", sent);
            result(name + "_received", got);
            result(name + "_per_s", String.format("%.0f", got / seconds));
            return got < count ? 1 : 0;
        }
    }

    @FunctionalInterface
    private interface Publish {
        void run() throws Exception;
    }
}
