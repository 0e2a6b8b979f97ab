package trin.client.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximumAtTheTopOfTheirRange() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), () -> 1.0);

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.next().toMillis());
        }

        assertThat(delays).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    }

    @Test
    void jitterSpreadsEachDelayDownToHalfASecond() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), () -> 0.0);

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aResetStartsAgainFromOneSecond() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), () -> 1.0);
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedLoginWaitsNearlyTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(120), () -> 1.0);

        assertThat(backoff.refused()).isEqualTo(Duration.ofSeconds(108));
        assertThat(new Backoff(Duration.ofSeconds(120), () -> 0.0).refused()).isEqualTo(Duration.ofSeconds(120));
    }
}
