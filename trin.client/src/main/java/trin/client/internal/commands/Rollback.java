package trin.client.internal.commands;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.client.internal.settings.ClientSettings;
import trin.client.internal.settings.LastGood;
import trin.client.internal.settings.Setting;
import trin.client.internal.settings.Settings;

/**
 * Rolls back a remote change of host, port or keep-alive after which no
 * connection succeeded for a while, to the values of the last connection
 * that did: a typo in {@code set_host} must not lose a device for good.
 */
public final class Rollback {

    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    private final ScheduledExecutorService timer;
    private final Supplier<Duration> after;
    private final ClientSettings settings;
    private final LastGood lastGood;
    private final BooleanSupplier connected;
    private final Consumer<String> reconnect;

    private ScheduledFuture<?> check;
    private String rolledBack;

    public Rollback(ScheduledExecutorService timer, Supplier<Duration> after, ClientSettings settings, LastGood lastGood,
            BooleanSupplier connected, Consumer<String> reconnect) {
        this.timer = timer;
        this.after = after;
        this.settings = settings;
        this.lastGood = lastGood;
        this.connected = connected;
        this.reconnect = reconnect;
    }

    static boolean watches(Setting setting) {
        return Setting.REACHABILITY.contains(setting);
    }

    /** A watched setting was changed remotely: check on it later. */
    synchronized void watch() {
        if (check == null || check.isDone()) {
            check = timer.schedule(this::rollBack, after.get().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The session connected: these settings are good. Returns what was rolled
     * back to get here, once, for the event that says so.
     */
    synchronized Optional<String> connected(Settings current) {
        lastGood.remember(current);
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        Optional<String> done = Optional.ofNullable(rolledBack);
        rolledBack = null;
        return done;
    }

    private void rollBack() {
        if (connected.getAsBoolean()) {
            return;
        }
        Optional<Settings> good = lastGood.settings();
        if (good.isEmpty()) {
            LOG.warn("No connection for {} s after a remote change, and no earlier settings that connected",
                    after.get().toSeconds());
            return;
        }
        StringBuilder text = new StringBuilder("Rolled back");
        for (Setting s : Setting.REACHABILITY) {
            Object value = good.get().value(s);
            if (!value.equals(settings.current().value(s))) {
                settings.change(s, s.format(value));
                text.append(' ').append(s.protocolName()).append(" to ").append(value);
            }
        }
        synchronized (this) {
            rolledBack = text.toString();
        }
        LOG.warn("No connection for {} s after a remote change: {}", after.get().toSeconds(), text);
        reconnect.accept("settings rolled back");
    }
}
