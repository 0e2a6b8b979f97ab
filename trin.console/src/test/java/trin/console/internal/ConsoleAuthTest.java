package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static trin.console.internal.ConsoleAuth.Outcome.ALLOWED;
import static trin.console.internal.ConsoleAuth.Outcome.MISSING;
import static trin.console.internal.ConsoleAuth.Outcome.THROTTLED;
import static trin.console.internal.ConsoleAuth.Outcome.WRONG;

import java.lang.annotation.Annotation;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import trin.testkit.LogCapture;

class ConsoleAuthTest {

    private static final String PASSWORD = "pa:ss word";
    private static final String RIGHT = basic("trin:" + PASSWORD);

    private final ManualClock clock = new ManualClock();
    private final ConsoleAuth auth = new ConsoleAuth(Password.ofHash(
            Pbkdf2.of(PASSWORD.toCharArray(), 1000, new SecureRandom()).format()), clock);

    @Test
    void givenTheUserTrinAndItsPassword_thenAllowed() {
        assertThat(auth.check(RIGHT)).isEqualTo(ALLOWED);
        assertThat(auth.check("basic " + Base64.getEncoder().encodeToString(("trin:" + PASSWORD).getBytes(UTF_8))))
                .as("the scheme in any case").isEqualTo(ALLOWED);
    }

    @Test
    void givenAWrongPasswordOrUserOrNone_thenRefused() {
        assertThat(auth.check(basic("trin:wrong"))).isEqualTo(WRONG);
        assertThat(auth.check(basic("admin:admin"))).isEqualTo(WRONG);
        assertThat(auth.check(basic("admin:" + PASSWORD))).isEqualTo(WRONG);
        assertThat(auth.check(basic("trin"))).isEqualTo(WRONG);
        assertThat(auth.check(null)).isEqualTo(MISSING);
        assertThat(auth.check("Bearer abc")).isEqualTo(MISSING);
    }

    @Test
    void givenTheOldSha256Hash_whenTheConsoleStarts_thenItsPasswordStillOpensIt_andAWarningSaysHowToUpgrade()
            throws Exception {
        ConsoleConfiguration config = new ConsoleConfiguration() {
            @Override
            public String passwordHash() {
                return "{sha-256}fJyJSo9BV8jXnaQoY+5EIvU9Ky7dpXHhwlNHoWyGXAo="; // of "the password"
            }

            @Override
            public String passwordFile() {
                return "";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ConsoleConfiguration.class;
            }
        };
        try (LogCapture log = new LogCapture()) {
            ConsoleAuth old = new ConsoleAuth(config, null);

            assertThat(old.check(basic("trin:the password"))).isEqualTo(ALLOWED);
            assertThat(old.check(basic("trin:the Password"))).isEqualTo(WRONG);
            assertThat(log.linesContaining("WARN")).singleElement().satisfies(line -> assertThat(line)
                    .contains("passwordHash").contains("bin/trin console-password").doesNotContain("fJyJSo9BV8"));
            assertThat(log.text()).doesNotContain("the password").doesNotContain("the Password");
        }
    }

    @Test
    void givenTheWebConsoleAsksForARole_thenOnlyTheUserTrinHasIt() {
        assertThat(auth.authorize("trin", "any")).isTrue();
        assertThat(auth.authorize("admin", "any")).isFalse();
        assertThat(auth.authorize(null, "any")).isFalse();
    }

    @Test
    void givenFiveWrongPasswords_thenTheNextLoginWaits_withAGrowingDelay_evenWithTheRightPassword() {
        wrongTimes(LoginThrottle.FREE_FAILURES);

        assertThat(auth.check(RIGHT)).as("the right password, but too soon").isEqualTo(THROTTLED);
        assertThat(auth.retryAfterSeconds()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(auth.check(basic("trin:wrong"))).isEqualTo(WRONG);
        assertThat(auth.retryAfterSeconds()).as("twice as long after the sixth").isEqualTo(2);
        clock.advance(Duration.ofMillis(1999));
        assertThat(auth.check(RIGHT)).isEqualTo(THROTTLED);
        assertThat(auth.check(basic("trin:wrong"))).as("not even tried while waiting").isEqualTo(THROTTLED);
        clock.advance(Duration.ofMillis(1));
        assertThat(auth.check(basic("trin:wrong"))).isEqualTo(WRONG);
        assertThat(auth.retryAfterSeconds()).isEqualTo(4);
    }

    @Test
    void givenManyWrongPasswords_thenTheWaitStopsGrowingAtAMinute_andTheRightPasswordThenResetsIt() {
        for (int i = 0; i < 20; i++) {
            assertThat(auth.check(basic("trin:wrong"))).isEqualTo(WRONG);
            clock.advance(LoginThrottle.MAX_DELAY);
        }
        assertThat(auth.check(basic("trin:wrong"))).isEqualTo(WRONG);
        assertThat(auth.retryAfterSeconds()).isEqualTo(LoginThrottle.MAX_DELAY.toSeconds());
        clock.advance(LoginThrottle.MAX_DELAY);

        assertThat(auth.check(RIGHT)).isEqualTo(ALLOWED);

        wrongTimes(LoginThrottle.FREE_FAILURES - 1);
        assertThat(auth.check(basic("trin:other"))).as("the count began again at the success").isEqualTo(WRONG);
        assertThat(auth.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void givenALoginVerifiedBefore_thenItStaysAllowedWhileOthersAreThrottled_untilItIsForgotten() {
        assertThat(auth.check(RIGHT)).isEqualTo(ALLOWED);
        wrongTimes(LoginThrottle.FREE_FAILURES);

        assertThat(auth.check(RIGHT)).as("the operator's open page keeps working: not verified again, so not "
                + "throttled").isEqualTo(ALLOWED);

        clock.advance(VerifiedCredentials.REMEMBER);
        assertThat(auth.check(basic("trin:wrong"))).as("the sixth in a row").isEqualTo(WRONG);
        assertThat(auth.check(RIGHT)).as("forgotten after a while: verified again").isEqualTo(THROTTLED);
    }

    @Test
    void givenNoWrongPasswordFor15Minutes_thenEarlierOnesAreForgotten() {
        wrongTimes(LoginThrottle.FREE_FAILURES - 1);
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));

        assertThat(auth.check(basic("trin:wrong"))).isEqualTo(WRONG);
        assertThat(auth.check(RIGHT)).isEqualTo(ALLOWED);
    }

    private void wrongTimes(int times) {
        wrongTimes(auth, times);
    }

    private static void wrongTimes(ConsoleAuth auth, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(auth.check(basic("trin:wrong" + i))).isEqualTo(WRONG);
        }
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8));
    }
}
