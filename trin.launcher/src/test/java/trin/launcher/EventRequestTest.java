package trin.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trin event <pid> <code> <text>}: one control request, its words apart, or a usage and nothing sent. */
class EventRequestTest {

    @TempDir
    Path dir;

    @Test
    void givenAnEvent_thenOneLineWithItsWordsSeparatedByTabs_andItFitsTheSocketsLimit() {
        String request = RunCommand.eventRequest(new Home(dir), List.of("my_app_id", "200", "pump started; $x 'y'"));

        assertThat(request).isEqualTo("event\tmy_app_id\t200\tpump started; $x 'y'").doesNotContain("\n");
    }

    @Test
    void givenWrongArguments_thenTheUsage_andNoRequest() {
        Home home = new Home(dir);
        assertThatThrownBy(() -> RunCommand.eventRequest(home, List.of("my_app_id", "200")))
                .isInstanceOf(LauncherException.class).hasMessageContaining("event <pid> <code> <text>");
        assertThatThrownBy(() -> RunCommand.eventRequest(home, List.of("my_app_id", "two", "text")))
                .isInstanceOf(LauncherException.class).hasMessageContaining("must be a number, not 'two'");
        assertThatThrownBy(() -> RunCommand.eventRequest(home, List.of("my_app_id", "200", "a\tb")))
                .isInstanceOf(LauncherException.class).hasMessageContaining("no tabs or line breaks");
        assertThatThrownBy(() -> RunCommand.eventRequest(home, List.of("my_app_id", "200", "x".repeat(2000))))
                .isInstanceOf(LauncherException.class).hasMessageContaining("too long");
    }

    @Test
    void givenTheCommandProperty_thenMessagesNameTheCommandAsTyped() {
        String before = System.getProperty(Home.COMMAND);
        try {
            System.setProperty(Home.COMMAND, "sudo trin");
            assertThat(new Home(dir).script()).isEqualTo("sudo trin");
            System.clearProperty(Home.COMMAND);
            assertThat(new Home(dir).script()).endsWith("bin/trin");
        } finally {
            if (before != null) {
                System.setProperty(Home.COMMAND, before);
            }
        }
    }
}
