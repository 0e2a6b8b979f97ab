package trin.client.internal.commands;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded first-in first-out queue whose waiting takers are served newest
 * first: an element goes to the thread that began to wait last. Under a
 * thread pool, commands that come one at a time then go to one thread, whose
 * caches are warm, while the threads a burst started stay idle and time out;
 * {@link java.util.concurrent.ArrayBlockingQueue} and
 * {@link java.util.concurrent.LinkedBlockingQueue} wake the thread that has
 * waited longest, which hands such commands to each thread in turn.
 *
 * <p>Elements are never waited for: {@link #offer} refuses one when the queue
 * is full, and {@link #put} and the timed {@code offer} are not supported.
 * The iterator is a snapshot without {@code remove}.
 */
class NewestWaiterFirstQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<E> items = new ArrayDeque<>();
    /** The threads waiting in {@link #poll(long, TimeUnit)} or {@link #take}, the newest first. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final int capacity;

    /** A waiting thread: its own condition, so that exactly it can be woken. Guarded by the lock. */
    private static final class Waiter {
        final Condition woken;
        boolean signalled;

        Waiter(Condition woken) {
            this.woken = woken;
        }
    }

    NewestWaiterFirstQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity below 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e);
        lock.lock();
        try {
            if (items.size() >= capacity) {
                return false;
            }
            items.addLast(e);
            wakeNewest();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return await(unit.toNanos(timeout), true);
    }

    @Override
    public E take() throws InterruptedException {
        return await(0, false);
    }

    /**
     * The oldest element, once there is one. A waiter woken for an element
     * that another thread took first (one that was not waiting) waits again.
     */
    private E await(long nanos, boolean timed) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (timed && nanos <= 0) {
                    return null;
                }
                Waiter waiter = new Waiter(lock.newCondition());
                waiters.addFirst(waiter);
                try {
                    if (timed) {
                        nanos = waiter.woken.awaitNanos(nanos);
                    } else {
                        waiter.woken.await();
                    }
                } catch (InterruptedException e) {
                    waiters.remove(waiter);
                    if (waiter.signalled && !items.isEmpty()) {
                        wakeNewest(); // woken for an element and interrupted: it goes to the next waiter instead
                    }
                    throw e;
                }
                if (!waiter.signalled) {
                    waiters.remove(waiter); // timed out, or woken spuriously: it enters anew if it waits on
                }
            }
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the thread that began to wait last, if one waits. Called with the lock held. */
    private void wakeNewest() {
        Waiter newest = waiters.pollFirst();
        if (newest != null) {
            newest.signalled = true;
            newest.woken.signal();
        }
    }

    /** How many threads wait for an element. */
    int waitingThreads() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll() {
        lock.lock();
        try {
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E peek() {
        lock.lock();
        try {
            return items.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            return capacity - items.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(Object o) {
        lock.lock();
        try {
            return items.remove(o);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Iterator<E> iterator() {
        lock.lock();
        try {
            return Collections.unmodifiableList(new ArrayList<>(items)).iterator();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super E> to) {
        return drainTo(to, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> to, int max) {
        Objects.requireNonNull(to);
        if (to == this) {
            throw new IllegalArgumentException("drain to itself");
        }
        lock.lock();
        try {
            int n = 0;
            while (n < max && !items.isEmpty()) {
                to.add(items.pollFirst());
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Not supported: an element is refused when the queue is full, never waited for. */
    @Override
    public void put(E e) {
        throw new UnsupportedOperationException("put: a full queue refuses, see offer");
    }

    /** Not supported: an element is refused when the queue is full, never waited for. */
    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("timed offer: a full queue refuses, see offer");
    }
}
