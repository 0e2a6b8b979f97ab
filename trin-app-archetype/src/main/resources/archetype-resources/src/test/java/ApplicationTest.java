package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import trin.api.command.Command;
import trin.api.command.Reply;
import trin.api.health.Detail;
import trin.apptest.Configurations;

/** The component on its own, constructed as DS would (no client: nothing to publish with). */
class ApplicationTest {

    private final Application app = new Application(
            Configurations.of(ApplicationConfiguration.class, Map.of("eventCode", 1001)));

    @Test
    void givenEcho_thenItsFirstArgumentComesBack() {
        assertThat(app.handle(command("echo", "abc", "def"))).isEqualTo(Reply.ok("abc"));
    }

    @Test
    void givenEchoWithoutArgument_thenTheApplicationsOwnErrorCode() {
        assertThat(app.handle(command("echo")).code()).isEqualTo(Application.NO_ARGUMENT);
    }

    @Test
    void givenAnotherCommand_thenRpcNotImplemented() {
        assertThat(app.handle(command("reverse", "abc"))).isEqualTo(Reply.unknownCommand());
    }

    @Test
    void givenTwoEchoes_thenTheHealthCountsThem() {
        app.handle(command("echo", 1));
        app.handle(command("echo", 2));

        assertThat(app.name()).isEqualTo(Application.APP_ID);
        assertThat(app.report(Detail.BASIC)).containsEntry("healthy", true).containsEntry("echoes", 2L)
                .containsEntry("event_code", 1001);
    }

    private static Command command(String name, Object... args) {
        return new Command(Application.APP_ID, name, Arrays.asList(args), Optional.of("t1"), "", Optional.empty(), 0);
    }
}
