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
 * --mode fleet|events --events 100000}. The broker must let the devices in:
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

    private static int events(String host, int port, String cid, Path dir) throws Exception {
        int count = integer("events", 100_000);
        String uid = uid(0);
        AtomicLong received = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        AtomicReference<Semaphore> room = new AtomicReference<>();
        try (Platform subscriber = Platform.connect(host, port, cid + "/" + uid + "/" + BenchSession.APP + "/>");
                BenchSession session = BenchSession.start(host, port, cid, uid, dir.resolve(uid), Map.of())) {
            subscriber.listen((topic, payload) -> {
                received.incrementAndGet();
                lastArrival.set(System.nanoTime());
                Semaphore w = room.get();
                if (w != null) {
                    w.release();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (session.client().status().state() != trin.api.client.ConnectionState.CONNECTED
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            int status = 0;
            for (int qos : new int[] {0, 1}) {
                long before = received.get();
                List<Event> one = List.of(new Event(0, 123, "Loop Counter"));
                // At most this many on their way, well below the outbox's capacity so that nothing is dropped;
                // the subscriber's callback gives room back (no spinning: the driver must not eat a core).
                Semaphore window = new Semaphore(2000);
                room.set(window);
                long start = System.nanoTime();
                int sent = 0;
                for (; sent < count; sent++) {
                    if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                        break;
                    }
                    session.client().publishEvents(BenchSession.APP, one, qos);
                }
                window.tryAcquire(2000, 10, TimeUnit.SECONDS);
                long got = received.get() - before;
                double seconds = (lastArrival.get() - start) / 1e9;
                result("events_qos" + qos + "_sent", sent);
                result("events_qos" + qos + "_received", got);
                result("events_qos" + qos + "_per_s", String.format("%.0f", got / seconds));
                if (got < count) {
                    status = 1;
                }
            }
            return status;
        }
    }
}
