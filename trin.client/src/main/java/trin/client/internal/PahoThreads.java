package trin.client.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The threads Paho's clients run on (connect, receiver, sender, callback),
 * from one pool per session, without Paho's 300 ms start-up wait.
 *
 * <p>Paho 1.2.5 starts its receiver, sender and callback threads one after
 * the other, and after each start polls with {@code Thread.sleep(100)} until
 * the new thread says it runs: measured here, every connection spent 305 to
 * 376 ms between the TCP connect and the CONNECT packet. While Paho's connect
 * task runs on this pool, a nudge every millisecond wakes it from those
 * sleeps (an interrupt, which the loop swallows before it looks again), so
 * each start costs about a millisecond. Other tasks (a disconnect's quiesce)
 * are never nudged.
 */
final class PahoThreads extends AbstractExecutorService implements ScheduledExecutorService {

    private static final String CONNECT_TASK = "ClientComms$ConnectBG";

    private final ExecutorService pool = ThreadPools.cached("trin-mqtt", Duration.ofSeconds(2));
    private final ScheduledExecutorService nudger;

    /** @param nudger a scheduler for the nudges: a few ticks of a millisecond per connection */
    PahoThreads(ScheduledExecutorService nudger) {
        this.nudger = nudger;
    }

    @Override
    public void execute(Runnable task) {
        boolean connecting = task.getClass().getName().endsWith(CONNECT_TASK);
        pool.execute(() -> {
            Thread self = Thread.currentThread();
            String name = self.getName();
            ScheduledFuture<?> nudges = connecting ? nudge(self) : null;
            try {
                task.run();
            } finally {
                if (nudges != null) {
                    nudges.cancel(false);
                    Thread.interrupted();
                }
                self.setName(name);
            }
        });
    }

    private ScheduledFuture<?> nudge(Thread connecting) {
        try {
            return nudger.scheduleAtFixedRate(() -> {
                if (connecting.getState() == Thread.State.TIMED_WAITING) {
                    connecting.interrupt();
                }
            }, 1, 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    // Paho schedules nothing on the executor it is given when the ping sender is not its own.

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Paho's threads are not a scheduler");
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Paho's threads are not a scheduler");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("Paho's threads are not a scheduler");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Paho's threads are not a scheduler");
    }
}
