package trin.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.health.Detail;
import trin.api.health.HealthReporter;
import trin.metrics.internal.Exposition.Type;

/**
 * The health reporters' numeric values ({@link Detail#BASIC}) as
 * {@code trin_health_value{reporter, key}}: numbers as they are, booleans as 1
 * and 0, nested maps' keys joined with dots; text and lists are left out. A
 * reporter that throws or takes longer than the timeout is left out of that
 * scrape and shows as {@code trin_health_reporter_up 0}; one still running from
 * an earlier scrape is not called again until it returns (a reporter is
 * called one report at a time, as {@link HealthReporter} promises), and one
 * scrape collects at a time.
 */
final class HealthValues implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthValues.class);

    private final long timeoutMillis;
    private final ThreadPoolExecutor threads;
    /** A reporter's call that outlived its scrape; guarded by this. */
    private final Map<HealthReporter, Future<Map<String, Object>>> running = new java.util.IdentityHashMap<>();

    HealthValues(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "trin-metrics-health-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    synchronized void write(Exposition out, List<HealthReporter> reporters) {
        running.values().removeIf(Future::isDone);
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (HealthReporter reporter : reporters) {
            Future<Map<String, Object>> earlier = running.get(reporter);
            futures.add(earlier != null ? earlier : threads.submit(() -> reporter.report(Detail.BASIC)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Map<String, Boolean> up = new LinkedHashMap<>();
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (int i = 0; i < reporters.size(); i++) {
            String name = safeName(reporters.get(i));
            try {
                Map<String, Object> report = futures.get(i).get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                Map<String, Double> flat = new LinkedHashMap<>();
                flatten("", report, flat);
                values.merge(name, flat, (a, b) -> {
                    a.putAll(b);
                    return a;
                });
                up.merge(name, true, Boolean::logicalAnd);
            } catch (TimeoutException e) {
                running.put(reporters.get(i), futures.get(i));
                LOG.debug("Health reporter {} took longer than {} ms: left out of the metrics", name, timeoutMillis);
                up.put(name, false);
            } catch (ExecutionException e) {
                LOG.debug("Health reporter {} failed: left out of the metrics", name, e.getCause());
                up.put(name, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                up.put(name, false);
            }
        }
        out.family("trin_health_reporter_up", Type.GAUGE,
                "1 when the health reporter answered this scrape in time, else 0.");
        up.forEach((name, ok) -> out.sample(Map.of("reporter", name), ok ? 1 : 0));
        out.family("trin_health_value", Type.GAUGE, "The health reporters' numeric values (booleans as 1 and 0), "
                + "as in the health report; units as the reporter gives them.");
        values.forEach((name, flat) -> flat.forEach((key, value) -> {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("reporter", name);
            labels.put("key", key);
            out.sample(labels, value);
        }));
    }

    private static String safeName(HealthReporter reporter) {
        try {
            String name = reporter.name();
            return name == null ? "" : name;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Double> into) {
        if (map == null) {
            return;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Number number) {
                into.put(key, number.doubleValue());
            } else if (value instanceof Boolean bool) {
                into.put(key, bool ? 1.0 : 0.0);
            } else if (value instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
