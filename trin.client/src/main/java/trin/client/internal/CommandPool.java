package trin.client.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command workers: one thread while commands come one at a time, and
 * another, up to the maximum, as soon as a command finds every thread busy,
 * so that a slow handler never holds the commands behind it. Only when the
 * maximum is reached do commands queue, up to the queue's capacity; past it
 * {@link #execute} refuses them.
 *
 * <p>A plain {@link ThreadPoolExecutor} with {@code workers} core threads
 * hands commands arriving one at a time to each of its threads in turn. On
 * a gateway's two or four cores that is a thread woken cold for every
 * command; measured on two cores, one thread answered the same commands
 * with some 10 % less CPU (trin.bench's ANALYSIS.md). Threads beyond the
 * first end after a minute without work.
 */
final class CommandPool extends ThreadPoolExecutor {

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
    private static final class Backlog extends LinkedBlockingQueue<Runnable> {

        private static final long serialVersionUID = 1L;

        private transient CommandPool pool;

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
