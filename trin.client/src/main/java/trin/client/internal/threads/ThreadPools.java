package trin.client.internal.threads;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The client's thread pools, with named daemon threads so that a thread dump says whose they are. */
public final class ThreadPools {

    private ThreadPools() {
    }

    public static ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads(name));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Named daemon threads: {@code name-1}, {@code name-2}, ... (the command workers' pool takes these). */
    public static ThreadFactory named(String name) {
        return threads(name);
    }

    public static ExecutorService cached(String name) {
        return Executors.newCachedThreadPool(threads(name));
    }

    /** A cached pool whose idle threads end after {@code idle}. */
    public static ExecutorService cached(String name, Duration idle) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, idle.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), threads(name));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
