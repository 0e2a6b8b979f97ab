package trin.crypto.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import trin.api.device.Credentials;
import trin.api.device.Registrar;
import trin.api.device.Registration;
import trin.crypto.internal.TestIdentity;

/** The commands as the shell calls them: through Gogo's own command processor, which picks the method. */
class CryptoCommandsShellTest {

    private record Call(String username, Optional<String> customerId) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Registrar registrar = (username, password, customerId) -> {
        calls.add(new Call(username, customerId));
        return new Registration("C42", TestIdentity.PI_UID, "Welcome");
    };
    private final Credentials credentials = new Credentials() {
        @Override
        public boolean provisioned() {
            return true;
        }

        @Override
        public String cid() {
            return "C42";
        }

        @Override
        public String username(String uid) {
            return "C42" + uid;
        }

        @Override
        public char[] password() {
            throw new UnsupportedOperationException();
        }
    };

    private ThreadIOImpl threadIo;
    private CommandProcessorImpl processor;
    private CommandSession session;

    @BeforeEach
    void shell() {
        threadIo = new ThreadIOImpl();
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
        CryptoCommands commands = new CryptoCommands(registrar, credentials, TestIdentity.raspberryPi(),
                new PasswordPrompt(() -> null));
        for (String function : List.of("register", "cid", "uid")) {
            processor.addCommand("trin", commands, function);
        }
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    @AfterEach
    void close() {
        session.close();
        processor.stop();
        threadIo.stop();
    }

    @Test
    void givenWrongArguments_thenEachCommandSaysHowToUseIt_sendsNothing_andTheSessionGoesOn() throws Exception {
        assertThat(session.execute("trin:register")).isEqualTo(CryptoCommands.REGISTER_USAGE);
        assertThat(session.execute("trin:register alice 1234 s3cret")).isEqualTo(CryptoCommands.REGISTER_USAGE)
                .asString().doesNotContain("s3cret");
        assertThat(session.execute("trin:cid 1")).isEqualTo(CryptoCommands.CID_USAGE);
        assertThat(session.execute("trin:uid one two")).isEqualTo(CryptoCommands.UID_USAGE);
        assertThat(calls).isEmpty();

        assertThat(session.execute("trin:cid")).isEqualTo("C42");
        assertThat(session.execute("trin:uid")).isEqualTo(TestIdentity.PI_UID);
        session.put(PasswordPrompt.READER, new FakeShell.LineReader("pw"));
        assertThat(session.execute("trin:register alice 1234")).asString().contains("C42");
        assertThat(session.execute("trin:register bob")).asString().contains("C42");
        assertThat(calls).containsExactly(new Call("alice", Optional.of("1234")), new Call("bob", Optional.empty()));
    }
}
