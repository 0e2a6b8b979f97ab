package trin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private final ManualClock clock = new ManualClock();
    private final VerifiedCredentials verified = new VerifiedCredentials(clock, new SecureRandom());

    @Test
    void givenARememberedHeader_thenItIsKnownUntilItExpires() {
        verified.remember("Basic dHJpbjp4");

        assertThat(verified.contains("Basic dHJpbjp4")).isTrue();
        assertThat(verified.contains("Basic dHJpbjp5")).isFalse();
        clock.advance(VerifiedCredentials.REMEMBER.minus(Duration.ofMillis(1)));
        assertThat(verified.contains("Basic dHJpbjp4")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(verified.contains("Basic dHJpbjp4")).isFalse();
    }

    @Test
    void givenMoreThanTheMaximum_thenTheOldestIsForgotten() {
        for (int i = 0; i <= VerifiedCredentials.MAX; i++) {
            verified.remember("Basic " + i);
        }

        assertThat(verified.contains("Basic 0")).isFalse();
        assertThat(verified.contains("Basic 1")).isTrue();
        assertThat(verified.contains("Basic " + VerifiedCredentials.MAX)).isTrue();
    }
}
