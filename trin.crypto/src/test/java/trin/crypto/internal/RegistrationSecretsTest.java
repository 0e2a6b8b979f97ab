package trin.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.device.RegistrationException;
import trin.testkit.LogCapture;

/** The user's password never shows: not in a log line, not in an exception. */
class RegistrationSecretsTest {

    private static final String PASSWORD = RegistrationClientTest.PASSWORD;
    private static final String BASIC_TOKEN = RegistrationClientTest.BASIC.substring("Basic ".length());

    @TempDir
    Path keyDir;

    @Test
    void givenEveryOutcome_whenRegistering_thenNeitherLogsNorExceptionsHoldThePassword() throws Exception {
        List<Consumer<FakePlatform>> outcomes = List.of(
                p -> p.answersSuccess("C42", TestIdentity.PI_UID, "0a0b", "hello"),
                p -> p.answers(200, "{\"err\": \"no such user\"}"),
                p -> p.answers(401, "Unauthorized"),
                p -> p.answers(500, "oops"),
                p -> p.answers(200, "garbage"),
                p -> p.answersSuccess("C42", TestIdentity.PI_UID, "xyz", ""),
                FakePlatform::neverAnswers);
        List<Throwable> failures = new ArrayList<>();

        String log;
        try (LogCapture capture = new LogCapture()) {
            for (Consumer<FakePlatform> outcome : outcomes) {
                try (FakePlatform platform = new FakePlatform()) {
                    outcome.accept(platform);
                    try {
                        new RegistrationClient(platform.url(), keyDir, Duration.ofSeconds(3)).register(
                                TestIdentity.PI_UID, OptionalInt.of(2795), RegistrationClientTest.USER,
                                PASSWORD.toCharArray(), Optional.of("77"));
                    } catch (RegistrationException e) {
                        failures.add(e);
                    }
                }
            }
            log = capture.text();
        }

        assertThat(failures).hasSize(outcomes.size() - 1);
        assertThat(log).contains("Registering device " + TestIdentity.PI_UID)
                .doesNotContain(PASSWORD).doesNotContain(BASIC_TOKEN);
        for (Throwable failure : failures) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(PASSWORD).doesNotContain(BASIC_TOKEN);
        }
    }
}
