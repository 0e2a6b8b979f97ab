package trin.client.internal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.health.Detail;
import trin.api.health.HealthReporter;

/**
 * Merges the data of every health reporter into one report. System reporters
 * give top-level keys (the higher service ranking wins a clash); an
 * application's reporter gives one key, its name. A reporter that throws or
 * takes longer than the timeout is left out and named under
 * {@value #ERRORS_KEY}; the others still report.
 */
public final class HealthCollector {

    public static final String ERRORS_KEY = "health_errors";

    private static final Logger LOG = LoggerFactory.getLogger(HealthCollector.class);

    /** A reporter with its service properties. */
    public record Reporter(HealthReporter service, Map<String, ?> properties) {
        boolean system() {
            return HealthReporter.SCOPE_SYSTEM.equals(properties.get(HealthReporter.SCOPE));
        }

        int ranking() {
            return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
        }
    }

    private final ExecutorService workers;
    private volatile long timeoutMillis;

    /** A new limit for the reports to come ({@code healthTimeout} changed). */
    public void timeout(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public HealthCollector(ExecutorService workers, long timeoutMillis) {
        this.workers = workers;
        this.timeoutMillis = timeoutMillis;
    }

    Map<String, Object> collect(List<Reporter> reporters, Detail detail) {
        List<Reporter> ordered = new ArrayList<>(reporters);
        ordered.sort(Comparator.comparingInt(Reporter::ranking));
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (Reporter reporter : ordered) {
            futures.add(workers.submit(() -> reporter.service().report(detail)));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < ordered.size(); i++) {
            Reporter reporter = ordered.get(i);
            String name = safeName(reporter.service());
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                Map<String, Object> data = futures.get(i).get(left, TimeUnit.NANOSECONDS);
                if (data == null) {
                    continue;
                }
                if (reporter.system()) {
                    report.putAll(data);
                } else {
                    report.put(name, data);
                }
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                errors.put(name, "timed out after " + timeoutMillis + " ms");
                LOG.warn("Health reporter {} took longer than {} ms and was left out", name, timeoutMillis);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                errors.put(name, String.valueOf(cause));
                LOG.warn("Health reporter {} failed and was left out: {}", name, cause.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!errors.isEmpty()) {
            report.put(ERRORS_KEY, errors);
        }
        return report;
    }

    private static String safeName(HealthReporter reporter) {
        try {
            return reporter.name();
        } catch (RuntimeException e) {
            return reporter.getClass().getName();
        }
    }
}
