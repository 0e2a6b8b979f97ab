package trin.client.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import trin.client.internal.threads.ThreadPools;

/**
 * The threads Paho's clients run on (connect, receiver, sender, callback),
 * from one pool per session, without Paho's 300 ms start-up wait.
 *
 * <p>Paho 1.2.5 starts its receiver, sender and callback threads one after
 * the other, and after each start polls with {@code Thread.sleep(100)} until
 * the new thread says it runs: measured here, every connection spent 305 to
 * 376 ms between the TCP connect and the CONNECT packet. When Paho's connect
 * task hands a thread's work to this pool, that work, once running, nudges
 * the connect task out of its sleep: an interrupt, which the loop swallows
 * before it looks again, every millisecond for a few milliseconds while the
 * connect task sleeps. Each start then costs about a millisecond, and nothing
 * ticks while the TCP connect or the TLS handshake waits on the network. Other
 * tasks (a disconnect's quiesce) are never nudged.
 */
final class PahoThreads extends AbstractExecutorService implements ScheduledExecutorService {

    private static final String CONNECT_TASK = "ClientComms$ConnectBG";
    /** How many milliseconds a started thread's work nudges the connect task: it looks every 100 ms. */
    private static final int NUDGES = 20;

    private final ExecutorService pool = ThreadPools.cached("trin-mqtt", Duration.ofSeconds(2));
    private final ScheduledExecutorService nudger;
    private final Set<Thread> connecting = ConcurrentHashMap.newKeySet();

    /** @param nudger a scheduler for the nudges: a few ticks of a millisecond per thread Paho starts */
    PahoThreads(ScheduledExecutorService nudger) {
        this.nudger = nudger;
    }

    @Override
    public void execute(Runnable task) {
        boolean connect = task.getClass().getName().endsWith(CONNECT_TASK);
        Thread submitter = Thread.currentThread();
        boolean startedByConnect = connecting.contains(submitter);
        pool.execute(() -> {
            Thread self = Thread.currentThread();
            String name = self.getName();
            if (connect) {
                connecting.add(self);
            }
            if (startedByConnect) {
                nudge(submitter, NUDGES);
            }
            try {
                task.run();
            } finally {
                if (connect) {
                    connecting.remove(self);
                    Thread.interrupted();
                }
                self.setName(name);
            }
        });
    }

    /** Wakes the connect task from its sleep, a millisecond from now, and again while nudges are left. */
    private void nudge(Thread connect, int left) {
        try {
            nudger.schedule(() -> {
                if (!connecting.contains(connect)) {
                    return;
                }
                if (connect.getState() == Thread.State.TIMED_WAITING) {
                    connect.interrupt();
                }
                if (left > 1) {
                    nudge(connect, left - 1);
                }
            }, 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the session is stopping: Paho's own 100 ms polling will do
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
