package trin.hw.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebootCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenCommandLine_thenSplitOnWhitespaceWithoutQuoting() {
        assertThat(new RebootCommand("  /bin/sh\t-c   'touch x' ").argv())
                .containsExactly("/bin/sh", "-c", "'touch", "x'");
    }

    @Test
    void givenMarkerScript_whenRun_thenScriptRanWithItsArgument() throws IOException {
        Path marker = dir.resolve("rebooted");

        new RebootCommand("/bin/sh " + script("touch \"$1\"") + " " + marker).run();

        assertThat(marker).exists();
    }

    @Test
    void givenFailingCommand_whenRun_thenIOExceptionWithExitCodeAndStderr() throws IOException {
        RebootCommand command = new RebootCommand("/bin/sh " + script("echo 'reboot: permission denied' >&2; exit 3"));

        assertThatThrownBy(command::run)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exit code 3")
                .hasMessageContaining("reboot: permission denied");
    }

    @Test
    void givenMissingProgram_whenRun_thenIOException() {
        RebootCommand command = new RebootCommand(dir.resolve("no-such-reboot").toString());

        assertThatThrownBy(command::run).isInstanceOf(IOException.class).hasMessageContaining("no-such-reboot");
    }

    @Test
    void givenEmptyCommand_whenRun_thenIOExceptionNamingTheAttribute() {
        assertThatThrownBy(new RebootCommand(" ")::run)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rebootCommand");
    }

    @Test
    void givenCommandStillRunningAfterTheWait_whenRun_thenReturnsWithoutWaitingForIt() throws IOException {
        RebootCommand command = new RebootCommand("/bin/sleep 3", Duration.ofMillis(200));

        assertTimeoutPreemptively(Duration.ofSeconds(5), command::run);
    }

    private Path script(String body) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "reboot", ".sh"), body + "\n");
    }
}
