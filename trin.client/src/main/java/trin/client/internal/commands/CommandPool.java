package trin.client.internal.commands;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import trin.client.internal.threads.ThreadPools;

/**
 * The command workers: one thread while it keeps up, another, up to the
 * maximum, as soon as a command finds every thread busy, so that a slow
 * handler never holds the commands behind it. Only at the maximum do
 * commands queue, up to the queue's capacity; past it {@link #execute}
 * refuses them. A command goes to the thread that went idle last
 * ({@link NewestWaiterFirstQueue}), so the threads a burst started stay idle
 * while commands come one at a time, and end after a minute.
 *
 * <p>A plain {@link ThreadPoolExecutor} with {@code workers} core threads
 * and a first-in first-out queue hands commands that come one at a time to
 * each of its threads in turn: on a gateway's two or four cores, a thread
 * woken cold for every command. trin.bench's ANALYSIS.md has the figures.
 */
public final class CommandPool extends ThreadPoolExecutor {

    /** Commands accepted and not yet finished: queued or running. */
    private final AtomicInteger unfinished = new AtomicInteger();

    /**
     * @param maxThreads the most threads ({@link #setMaximumPoolSize} changes it); the first stays, the others
     *        end after a minute without work
     * @param queue how many commands may wait once every thread is busy
     */
    CommandPool(int maxThreads, int queue, ThreadFactory threads) {
        super(1, maxThreads, 60, TimeUnit.SECONDS, new Backlog(queue), threads);
        ((Backlog) getQueue()).pool = this;
    }

    /** The command workers, on threads named {@code name-N}. */
    public static CommandPool named(String name, int maxThreads, int queue) {
        return new CommandPool(maxThreads, queue, ThreadPools.named(name));
    }

    @Override
    public void execute(Runnable command) {
        unfinished.incrementAndGet();
        try {
            super.execute(command);
        } catch (RejectedExecutionException e) {
            // Every thread busy and none may be added (the maximum, or a race with another caller): queue it.
            if (isShutdown() || !((Backlog) getQueue()).queue(command)) {
                unfinished.decrementAndGet();
                throw e;
            }
        }
    }

    @Override
    protected void afterExecute(Runnable command, Throwable thrown) {
        unfinished.decrementAndGet();
    }

    /**
     * The commands waiting for a thread. Its {@link #offer} declines while
     * every thread is busy and another may start, which makes the pool start one.
     */
    private static final class Backlog extends NewestWaiterFirstQueue<Runnable> {

        private CommandPool pool;

        Backlog(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable command) {
            int threads = pool.getPoolSize();
            if (pool.unfinished.get() > threads && threads < pool.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(command);
        }

        boolean queue(Runnable command) {
            return super.offer(command);
        }
    }
}
