package trin.console.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.health.Detail;
import trin.api.health.HealthReporter;

/**
 * The machine's health over the last hour, for the console's plots: every
 * {@code sampleSeconds} the system reporters' basic data (what the periodic
 * report holds), merged as the client merges it (the higher ranking wins),
 * kept in a ring of one hour. A reporter's CPU usage covers the time since
 * its previous reading, whoever asked: the client's next report then covers
 * the time since this one.
 */
@Component(service = HealthHistory.class, configurationPid = HealthHistoryConfiguration.PID)
@Designate(ocd = HealthHistoryConfiguration.class)
public final class HealthHistory {

    private static final Logger LOG = LoggerFactory.getLogger(HealthHistory.class);

    @Reference(service = HealthReporter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            target = "(" + HealthReporter.SCOPE + "=" + HealthReporter.SCOPE_SYSTEM + ")")
    volatile List<Map.Entry<Map<String, Object>, HealthReporter>> reporters = List.of();

    private final int capacity;
    private final long sampleSeconds;
    private final Clock clock;
    private final ArrayDeque<HealthSample> ring;
    private final ScheduledExecutorService timer;

    @Activate
    public HealthHistory(HealthHistoryConfiguration config) {
        this.sampleSeconds = Math.max(1, config.sampleSeconds());
        this.capacity = (int) Math.max(2, Math.max(1, config.minutes()) * 60L / sampleSeconds);
        this.clock = Clock.systemUTC();
        this.ring = new ArrayDeque<>(capacity);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trin-console-history");
            t.setDaemon(true);
            return t;
        });
    }

    @Activate
    void start() {
        timer.scheduleWithFixedDelay(this::sample, 0, sampleSeconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    /** @return the readings, oldest first */
    List<HealthSample> samples() {
        synchronized (ring) {
            return new ArrayList<>(ring);
        }
    }

    Optional<HealthSample> last() {
        synchronized (ring) {
            return Optional.ofNullable(ring.peekLast());
        }
    }

    long sampleSeconds() {
        return sampleSeconds;
    }

    void sample() {
        Map<String, Object> merged = new HashMap<>();
        List<Map.Entry<Map<String, Object>, HealthReporter>> ranked = new ArrayList<>(reporters);
        ranked.sort(Comparator.comparingInt((Map.Entry<Map<String, Object>, HealthReporter> e) -> ranking(e.getKey()))
                .reversed());
        for (Map.Entry<Map<String, Object>, HealthReporter> e : ranked) {
            try {
                e.getValue().report(Detail.BASIC).forEach(merged::putIfAbsent);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ex) {
                LOG.debug("Health reporter {} failed: {}", e.getValue().name(), ex.toString());
            }
        }
        HealthSample sample = HealthSample.of(clock.instant(), merged);
        if (sample.empty()) {
            return;
        }
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(sample);
        }
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }
}
