package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class PasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void givenAPasswordOnStandardInput_thenTheLineForTheConfigurationIsPrinted_andItsPasswordMatches()
            throws Exception {
        int code = run(List.of("--iterations", "1000"), "pa$$ word\n");

        String line = out.toString(UTF_8).strip();
        assertThat(code).isZero();
        assertThat(line).startsWith("passwordHash={pbkdf2-sha256}1000$").doesNotContain("pa$$ word");
        Password password = Password.ofHash(line.substring("passwordHash=".length()));
        assertThat(password.matches("pa$$ word")).isTrue();
        assertThat(password.matches("pa$$ word\n")).isFalse();
        assertThat(err.toString(UTF_8)).isEmpty();
    }

    @Test
    void givenNoIterations_thenTheDefaultIsUsed() throws Exception {
        run(List.of(), "x\n");

        assertThat(out.toString(UTF_8)).startsWith("passwordHash={pbkdf2-sha256}" + Pbkdf2.DEFAULT_ITERATIONS + "$");
    }

    @Test
    void givenNoPasswordOrBadArguments_thenNothingIsMade() throws Exception {
        assertThat(run(List.of(), "")).isEqualTo(1);
        assertThat(run(List.of(), "\n")).isEqualTo(1);
        assertThat(run(List.of("secret"), "x\n")).as("the password is never an argument").isEqualTo(2);
        assertThat(run(List.of("--iterations", "0"), "x\n")).isEqualTo(2);
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(err.toString(UTF_8)).doesNotContain("secret");
    }

    private int run(List<String> args, String input) throws Exception {
        return PasswordCommand.run(args, null, new BufferedReader(new StringReader(input)),
                new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }
}
