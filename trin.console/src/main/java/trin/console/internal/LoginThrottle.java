package trin.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down the guessing of the console's password: after
 * {@value #FREE_FAILURES} wrong logins in a row, the next try must wait, one
 * second after the fifth, twice as long after each further one, at most
 * {@link #MAX_DELAY}. A right login ends it; so do {@link #FORGET_AFTER}
 * without a wrong one. It counts for everyone at once, not per address:
 * behind an SSH tunnel every request comes from 127.0.0.1, and a wait of at
 * most a minute never locks the operator out for good.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    private final Clock clock;
    // all guarded by this
    private int failures;
    private Instant lastFailure = Instant.MIN;
    private Instant blockedUntil = Instant.MIN;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long a login must still wait, or empty when it may be tried now. */
    synchronized Optional<Duration> waitLeft() {
        Instant now = clock.instant();
        return now.isBefore(blockedUntil) ? Optional.of(Duration.between(now, blockedUntil)) : Optional.empty();
    }

    synchronized void failed() {
        Instant now = clock.instant();
        if (failures > 0 && Duration.between(lastFailure, now).compareTo(FORGET_AFTER) > 0) {
            failures = 0;
        }
        failures++;
        lastFailure = now;
        if (failures >= FREE_FAILURES) {
            int doublings = Math.min(failures - FREE_FAILURES, 16);
            Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
            blockedUntil = now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        }
    }

    synchronized void succeeded() {
        failures = 0;
        blockedUntil = Instant.MIN;
    }
}
