package trin.client.internal.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import trin.testkit.Await;

class NewestWaiterFirstQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final NewestWaiterFirstQueue<String> queue = new NewestWaiterFirstQueue<>(3);

    @Test
    void givenElementsOffered_whenTaken_thenTheyComeFirstInFirstOutAndAFullQueueRefuses() {
        assertThat(queue.offer("a")).isTrue();
        assertThat(queue.offer("b")).isTrue();
        assertThat(queue.offer("c")).isTrue();

        assertThat(queue.offer("d")).isFalse();
        assertThat(queue.remainingCapacity()).isZero();
        assertThat(queue).containsExactly("a", "b", "c");
        assertThat(queue.poll()).isEqualTo("a");
        assertThat(queue.remove("c")).isTrue();
        assertThat(queue.peek()).isEqualTo("b");
        List<String> drained = new ArrayList<>();
        assertThat(queue.drainTo(drained)).isEqualTo(1);
        assertThat(drained).containsExactly("b");
        assertThat(queue.poll()).isNull();
        assertThat(queue.remainingCapacity()).isEqualTo(3);
    }

    @Test
    void givenTwoThreadsWaiting_whenElementsArrive_thenTheOneThatBeganToWaitLastGetsTheFirst() throws Exception {
        CompletableFuture<String> first = taker();
        Await.until("the first taker to wait", WAIT, () -> queue.waitingThreads() == 1);
        CompletableFuture<String> second = taker();
        Await.until("the second taker to wait", WAIT, () -> queue.waitingThreads() == 2);

        queue.offer("x");

        assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo("x");
        assertThat(first).isNotDone();
        queue.offer("y");
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("y");
        assertThat(queue.waitingThreads()).isZero();
    }

    @Test
    void givenATimedPoll_whenNothingArrives_thenItGivesNullAndLeavesNoWaiter() throws Exception {
        assertThat(queue.poll(20, TimeUnit.MILLISECONDS)).isNull();

        assertThat(queue.waitingThreads()).isZero();
        queue.offer("z");
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isEqualTo("z");
    }

    @Test
    void givenAWaitingTakerInterrupted_whenAnElementArrivesLater_thenAnotherTakerGetsIt() throws Exception {
        Thread[] taking = new Thread[1];
        CompletableFuture<String> interrupted = CompletableFuture.supplyAsync(() -> {
            taking[0] = Thread.currentThread();
            try {
                return queue.take();
            } catch (InterruptedException e) {
                return "interrupted";
            }
        }, runnable -> new Thread(runnable, "interrupted-taker").start());
        Await.until("the taker to wait", WAIT, () -> queue.waitingThreads() == 1);

        taking[0].interrupt();

        assertThat(interrupted.get(20, TimeUnit.SECONDS)).isEqualTo("interrupted");
        assertThat(queue.waitingThreads()).isZero();
        CompletableFuture<String> next = taker();
        Await.until("the next taker to wait", WAIT, () -> queue.waitingThreads() == 1);
        queue.offer("w");
        assertThat(next.get(20, TimeUnit.SECONDS)).isEqualTo("w");
    }

    @Test
    void givenTheBlockingOffers_whenCalled_thenTheySayTheyAreNotSupported() {
        assertThatThrownBy(() -> queue.put("p")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> queue.offer("p", 1, TimeUnit.SECONDS))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new NewestWaiterFirstQueue<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private CompletableFuture<String> taker() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable, "taker").start());
    }
}
