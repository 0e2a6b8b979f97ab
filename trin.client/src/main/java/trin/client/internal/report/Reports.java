package trin.client.internal.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import trin.api.health.Detail;
import trin.client.internal.outgoing.Outgoing;

/**
 * The health reports a device publishes: the dump after each connect (a full
 * report with the addresses, versions and settings), the basic report every
 * {@code pdrInterval} seconds while connected, and a full one on request.
 * Collecting runs on the timer, never on the session thread.
 */
public final class Reports {

    private final ScheduledExecutorService timer;
    private final HealthCollector health;
    private final Supplier<List<HealthCollector.Reporter>> reporters;
    private final Outgoing outgoing;
    private final BooleanSupplier connected;
    private final IntSupplier pdrInterval;
    private final Supplier<Map<String, Object>> dumpExtras;
    private ScheduledFuture<?> periodic;

    /** @param dumpExtras what the dump holds besides the full report: addresses, versions, settings */
    public Reports(ScheduledExecutorService timer, HealthCollector health, Supplier<List<HealthCollector.Reporter>> reporters,
            Outgoing outgoing, BooleanSupplier connected, IntSupplier pdrInterval,
            Supplier<Map<String, Object>> dumpExtras) {
        this.timer = timer;
        this.health = health;
        this.reporters = reporters;
        this.outgoing = outgoing;
        this.connected = connected;
        this.pdrInterval = pdrInterval;
        this.dumpExtras = dumpExtras;
    }

    /** Connected: the dump, then whatever waits ({@code release}), then the periodic reports. */
    public void connected(Runnable release) {
        timer.execute(() -> {
            try {
                Map<String, Object> dump = new LinkedHashMap<>(health.collect(reporters.get(), Detail.FULL));
                dump.putAll(dumpExtras.get());
                outgoing.dump(dump);
            } finally {
                release.run();
            }
        });
        schedule();
    }

    /** (Re)starts the periodic reports at the current interval, if connected and the interval is not 0. */
    public synchronized void schedule() {
        cancel();
        int interval = pdrInterval.getAsInt();
        if (interval > 0 && connected.getAsBoolean()) {
            periodic = timer.scheduleAtFixedRate(this::publishBasic, interval, interval, TimeUnit.SECONDS);
        }
    }

    public synchronized void cancel() {
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
    }

    /** A full report now ({@code get_full_data}, or the operator's request). */
    public void publishFull() {
        outgoing.data("0", health.collect(reporters.get(), Detail.FULL), outgoing.defaultQos());
    }

    private void publishBasic() {
        if (connected.getAsBoolean()) {
            outgoing.data("0", health.collect(reporters.get(), Detail.BASIC), outgoing.defaultQos());
        }
    }
}
