package trin.client.internal.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The next connection attempt, once scheduled, and when it is due in the record. On the session thread. */
final class PendingConnect {

    private final ScheduledExecutorService exec;
    private final ConnectionRecord record;
    private final Clock clock;
    private ScheduledFuture<?> pending;

    PendingConnect(ScheduledExecutorService exec, ConnectionRecord record, Clock clock) {
        this.exec = exec;
        this.record = record;
        this.clock = clock;
    }

    void after(Duration delay, Runnable connect) {
        record.nextAttempt(clock.instant().plus(delay));
        pending = exec.schedule(connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The attempt is starting now. */
    void started() {
        pending = null;
        record.nextAttempt(null);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
            record.nextAttempt(null);
        }
    }
}
