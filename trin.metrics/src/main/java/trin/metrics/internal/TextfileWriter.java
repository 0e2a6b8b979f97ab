package trin.metrics.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node_exporter's textfile collector: every {@code textfileInterval} seconds
 * the metrics are written to a temporary file beside {@code textfile} (a name
 * that does not end in {@code .prom}, which the collector skips) and renamed
 * over it, so that a reader sees the old file or the new one, never half of
 * one. Nothing listens: for gateways where no port may be open, with the web
 * console off, and in Kura.
 */
@Component(service = {}, immediate = true, configurationPid = MetricsConfiguration.PID)
public final class TextfileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TextfileWriter.class);

    private final TrinMetrics metrics;
    private final Path file;
    private final Path temporary;
    private final ScheduledExecutorService thread;
    private volatile boolean failing;

    @Activate
    public TextfileWriter(@Reference TrinMetrics metrics, MetricsConfiguration config) {
        this.metrics = metrics;
        String configured = config.textfile().strip();
        if (configured.isEmpty()) {
            this.file = null;
            this.temporary = null;
            this.thread = null;
            return;
        }
        this.file = Path.of(configured).toAbsolutePath();
        this.temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread named = new Thread(task, "trin-metrics-textfile");
            named.setDaemon(true);
            return named;
        });
        int interval = Math.max(1, config.textfileInterval());
        thread.scheduleWithFixedDelay(this::write, 0, interval, TimeUnit.SECONDS);
        LOG.info("Writing the metrics to {} every {} s", file, interval);
    }

    @Deactivate
    void deactivate() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private void write() {
        try {
            Files.writeString(temporary, metrics.scrape(), UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (failing) {
                failing = false;
                LOG.info("Writing the metrics to {} again", file);
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Could not write the metrics to {}: {} (trin.metrics textfile)", file, e.toString());
            }
        }
    }
}
