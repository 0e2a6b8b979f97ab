package trin.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * {@code exit} in the shell of bin/trin: the runtime as {@link RunCommand} starts it for a
 * terminal (Felix, the Gogo runtime bundle, the command registered by {@link OsgiRuntime}), and a
 * Gogo session set up as Gogo's default profile sets up the shell's: {@code SCOPE = 'gogo:*'} and
 * every method of {@code java.lang.System} as a command of the scope {@code system}, the reason a
 * bare {@code exit} used to fail with "Cannot coerce exit()".
 */
class ExitCommandTest {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";

    @TempDir
    Path dir;

    private OsgiRuntime runtime;

    @BeforeEach
    void startTheRuntimeWithTheShellsProfile() throws Exception {
        Home home = new Home(dir);
        Files.createDirectories(home.bundles());
        Path gogo = Path.of(System.getProperty("trin.test.gogo.runtime"));
        Files.copy(gogo, home.bundles().resolve(gogo.getFileName()));
        runtime = OsgiRuntime.start(home, home.frameworkCache(), false, true, name -> true);

        // What the default gosh_profile does: addcommand system (... loadClass java.lang.System)
        ServiceReference<?> reference = runtime.context().getServiceReference(PROCESSOR);
        Object processor = runtime.context().getService(reference);
        processor.getClass().getMethod("addCommand", String.class, Object.class).invoke(processor, "system",
                System.class);
        runtime.context().ungetService(reference);
    }

    @AfterEach
    void stop() {
        runtime.stop(30_000);
    }

    @Test
    void givenTheShellsSystemCommands_thenTheirExitIsThere_asInTheShell() {
        assertThatThrownBy(() -> shell("system:exit", "")).hasMessageContaining("Cannot coerce exit()");
    }

    @Test
    void givenExit_whenTheAnswerIsNo_thenTrinKeepsRunningAndTheUserIsToldHowToLeave() throws Exception {
        Session session = shell("exit", "n\n");

        assertThat(session.output()).contains(ExitCommand.QUESTION);
        assertThat(session.result()).isEqualTo(ExitCommand.KEEP_RUNNING).contains("Ctrl-D").contains("stop 0");
        assertThat(systemBundle().getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(shell("exit", "\n").result()).as("Enter alone is no").isEqualTo(ExitCommand.KEEP_RUNNING);
        assertThat(shell("exit", "").result()).as("no answer at all is no").isEqualTo(ExitCommand.KEEP_RUNNING);
        assertThat(systemBundle().getState()).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void givenExitWithArguments_thenItsUsage_andTrinKeepsRunning() throws Exception {
        assertThat(shell("exit 0", "y\n").result()).isEqualTo(ExitCommand.USAGE);
        assertThat(shell("exit now please", "y\n").result()).isEqualTo(ExitCommand.USAGE);

        assertThat(systemBundle().getState()).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void givenExit_whenTheAnswerIsYes_thenTrinStops() throws Exception {
        Session session = shell("exit", "y\n");

        assertThat(session.result()).isEqualTo(ExitCommand.STOPPING);
        assertThat(runtime.awaitStop(30_000)).as("the framework stopped").isTrue();
    }

    private Bundle systemBundle() {
        return runtime.context().getBundle(0);
    }

    private Session shell(String command, String typed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String result = Gogo.execute(runtime.context(), command, Map.of("SCOPE", "gogo:*"),
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, out);
        return new Session(result, out.toString(StandardCharsets.UTF_8));
    }

    private record Session(String result, String output) {
    }
}
