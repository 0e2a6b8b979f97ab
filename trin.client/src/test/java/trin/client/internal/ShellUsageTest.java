package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import trin.client.internal.shell.ClientCommands;

/**
 * The client's shell commands called wrongly, through Gogo's own command processor (which picks
 * the method to call), on a running client: each says how to use it, instead of Gogo's "Cannot
 * coerce", and the session goes on.
 */
class ShellUsageTest extends Scenarios {

    private ThreadIOImpl threadIo;
    private CommandProcessorImpl processor;

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }

    @AfterEach
    void stopShell() {
        if (processor != null) {
            processor.stop();
        }
        if (threadIo != null) {
            threadIo.stop();
        }
    }

    @Test
    void givenWrongArguments_thenEachCommandSaysHowToUseIt_andTheSessionGoesOn() throws Exception {
        sampleDevice().start();
        CommandSession shell = shell(new ClientCommands(harness.client, harness.client));

        assertThat(shell.execute("trin:event my_app_id five 'by hand'")).asString()
                .startsWith("Usage: trin:event <pid> <code> <text>").contains("whole number");
        assertThat(shell.execute("trin:event my_app_id")).asString().startsWith("Usage: trin:event <pid> <code> <text>");
        assertThat(shell.execute("trin:data")).asString().startsWith("Usage: trin:data <pid> <json>");
        assertThat(shell.execute("trin:data my_app_id 1 2")).asString().startsWith("Usage: trin:data <pid> <json>");
        assertThat(shell.execute("trin:status now")).asString().startsWith("Usage: trin:status");
        assertThat(shell.execute("trin:settings reset now")).asString()
                .startsWith("Usage: trin:settings | trin:settings reset");

        assertThat(shell.execute("trin:event my_app_id 123 'by hand'")).isEqualTo("Queued event 123 for my_app_id");
        harness.awaitPublished(ClientHarness.topic(APP, ">"), m -> m.text().contains("by hand"));
        assertThat(shell.execute("trin:status")).asString().contains("CONNECTED");
        assertThat(shell.execute("trin:settings")).asString().contains("remote changes are kept in");
    }

    private CommandSession shell(ClientCommands commands) {
        threadIo = new ThreadIOImpl();
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
        for (String function : List.of("status", "settings", "event", "data")) {
            processor.addCommand("trin", commands, function);
        }
        return processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }
}
