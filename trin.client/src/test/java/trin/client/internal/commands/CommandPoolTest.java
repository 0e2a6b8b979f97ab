package trin.client.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import trin.testkit.Await;

class CommandPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CountDownLatch release = new CountDownLatch(1);
    private CommandPool pool;

    @AfterEach
    void shutDown() throws InterruptedException {
        release.countDown();
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void givenCommandsOneAtATime_whenTheyRun_thenOneThreadRunsThemAll() {
        pool = CommandPool.named("test-command", 4, 10);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        for (int i = 1; i <= 50; i++) {
            pool.execute(() -> threads.add(Thread.currentThread().getName()));
            long done = i;
            Await.until("command " + i + " to finish", WAIT,
                    () -> pool.getCompletedTaskCount() == done && pool.getActiveCount() == 0);
        }

        assertThat(threads).containsExactly("test-command-1");
        assertThat(pool.getLargestPoolSize()).isEqualTo(1);
    }

    @Test
    void givenThreadsABurstStarted_whenCommandsComeOneAtATimeAgain_thenTheThreadIdleLastRunsThemAll()
            throws Exception {
        pool = CommandPool.named("burst-command", 4, 10);
        CountDownLatch started = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            pool.execute(() -> {
                started.countDown();
                awaitRelease();
            });
        }
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.getPoolSize()).isEqualTo(4);
        release.countDown();
        NewestWaiterFirstQueue<?> queue = (NewestWaiterFirstQueue<?>) pool.getQueue();
        Await.until("the burst's threads to wait", WAIT, () -> queue.waitingThreads() == 4);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        for (int i = 1; i <= 50; i++) {
            pool.execute(() -> threads.add(Thread.currentThread().getName()));
            long done = 4 + i;
            Await.until("command " + i + " to finish", WAIT,
                    () -> pool.getCompletedTaskCount() == done && queue.waitingThreads() == 4);
        }

        assertThat(threads).hasSize(1);
    }

    @Test
    void givenAThreadHeldBySlowCommand_whenAnotherArrives_thenASecondThreadRunsIt() throws Exception {
        pool = CommandPool.named("test-command", 4, 10);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch quickDone = new CountDownLatch(1);

        pool.execute(() -> {
            slowStarted.countDown();
            awaitRelease();
        });
        assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
        pool.execute(quickDone::countDown);

        assertThat(quickDone.await(20, TimeUnit.SECONDS)).as("the quick command ran beside the slow one").isTrue();
        assertThat(pool.getPoolSize()).isEqualTo(2);
    }

    @Test
    void givenEveryThreadBusy_whenMoreArrive_thenTheyQueueUpToTheCapacityAndTheNextIsRefused() throws Exception {
        pool = CommandPool.named("test-command", 2, 3);
        CountDownLatch busy = new CountDownLatch(2);
        AtomicInteger queuedRan = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                busy.countDown();
                awaitRelease();
            });
        }
        assertThat(busy.await(20, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 3; i++) {
            pool.execute(queuedRan::incrementAndGet);
        }
        assertThat(pool.getQueue()).hasSize(3);
        assertThatThrownBy(() -> pool.execute(queuedRan::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class);

        release.countDown();
        Await.until("the queued commands to run", WAIT, () -> queuedRan.get() == 3);
        assertThat(pool.getLargestPoolSize()).isEqualTo(2);
        Await.until("the pool to be idle", WAIT, () -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
        CountDownLatch after = new CountDownLatch(1);
        pool.execute(after::countDown);
        assertThat(after.await(20, TimeUnit.SECONDS)).as("the pool still runs commands after a refusal").isTrue();
    }

    @Test
    void givenAMaximumRaisedAtRunTime_whenEveryThreadIsBusy_thenAnotherThreadStarts() throws Exception {
        pool = CommandPool.named("test-command", 1, 10);
        CountDownLatch slowStarted = new CountDownLatch(1);
        pool.execute(() -> {
            slowStarted.countDown();
            awaitRelease();
        });
        assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
        CountDownLatch queued = new CountDownLatch(1);
        pool.execute(queued::countDown);
        assertThat(pool.getQueue()).as("one thread at most: the second command waits").hasSize(1);

        pool.setMaximumPoolSize(2);
        CountDownLatch next = new CountDownLatch(1);
        pool.execute(next::countDown);

        assertThat(next.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(queued.await(20, TimeUnit.SECONDS)).as("the new thread also takes what waited").isTrue();
    }

    @Test
    void givenAShutDownPool_whenACommandArrives_thenItIsRefused() {
        pool = CommandPool.named("test-command", 2, 10);
        pool.shutdown();

        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
