package trin.crypto.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Test;

import trin.api.device.Credentials;
import trin.api.device.NotProvisionedException;
import trin.api.device.Registrar;
import trin.api.device.Registration;
import trin.api.device.RegistrationException;
import trin.crypto.internal.TestIdentity;

class CryptoCommandsTest {

    /** What the registrar was called with, the password copied before the command clears it. */
    private record Call(String username, String password, Optional<String> customerId, char[] passed) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Registrar registrar = (username, password, customerId) -> {
        calls.add(new Call(username, new String(password), customerId, password));
        return new Registration("C42", TestIdentity.PI_UID, "Welcome");
    };
    private String cid = "C42";
    private final Credentials credentials = new Credentials() {
        @Override
        public boolean provisioned() {
            return cid != null;
        }

        @Override
        public String cid() throws NotProvisionedException {
            if (cid == null) {
                throw new NotProvisionedException("The device is not provisioned: /opt/trinity/trinqtt is missing.");
            }
            return cid;
        }

        @Override
        public String username(String uid) throws NotProvisionedException {
            return cid() + uid;
        }

        @Override
        public char[] password() {
            throw new UnsupportedOperationException();
        }
    };
    private final CryptoCommands commands = new CryptoCommands(registrar, credentials,
            TestIdentity.raspberryPi(), new PasswordPrompt(() -> null));

    private static CommandSession shellWith(FakeShell.LineReader reader) {
        return FakeShell.session(Map.of(PasswordPrompt.READER, reader));
    }

    @Test
    void givenTheGogoLineReader_whenRegistering_thenThePasswordIsReadWithoutEchoAndCleared() throws Exception {
        FakeShell.LineReader reader = new FakeShell.LineReader("s3cret");

        String result = commands.register(shellWith(reader), "alice");

        assertThat(result).isEqualTo(new Registration("C42", TestIdentity.PI_UID, "Welcome").describe());
        assertThat(reader.prompt).contains("alice");
        assertThat(reader.mask).isEqualTo('\0');
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.username()).isEqualTo("alice");
            assertThat(call.password()).isEqualTo("s3cret");
            assertThat(call.customerId()).isEmpty();
            assertThat(call.passed()).containsOnly('\0');
        });
    }

    @Test
    void givenACustomerId_whenRegistering_thenItIsPassedOn() throws Exception {
        commands.register(shellWith(new FakeShell.LineReader("pw")), "alice", "1234");

        assertThat(calls).singleElement().extracting(Call::customerId).isEqualTo(Optional.of("1234"));
    }

    @Test
    void givenNoReaderAndNoConsole_whenRegistering_thenItFailsSayingSoAndSendsNothing() {
        assertThatIllegalStateException()
                .isThrownBy(() -> commands.register(FakeShell.session(Map.of()), "alice"))
                .withMessageContaining("no terminal to read the password from without echo");
        assertThat(calls).isEmpty();
    }

    @Test
    void givenTheUserPressesCtrlC_whenAskedForThePassword_thenTheRegistrationIsCancelled() {
        assertThatIllegalStateException()
                .isThrownBy(() -> commands.register(shellWith(new FakeShell.LineReader(null)), "alice"))
                .withMessage("Registration cancelled.");
        assertThat(calls).isEmpty();
    }

    @Test
    void givenAnEmptyPassword_whenRegistering_thenNothingIsSent() {
        assertThatExceptionOfType(RegistrationException.class)
                .isThrownBy(() -> commands.register(shellWith(new FakeShell.LineReader("")), "alice"))
                .withMessageContaining("No password given");
        assertThat(calls).isEmpty();
    }

    @Test
    void givenAProvisionedDevice_whenAskedForCidAndUid_thenTheyAreReturned() {
        assertThat(commands.cid()).isEqualTo("C42");
        assertThat(commands.uid()).isEqualTo(TestIdentity.PI_UID);
    }

    @Test
    void givenAnUnprovisionedDevice_whenAskedForTheCid_thenTheMessageSaysWhatIsMissing() {
        cid = null;

        assertThat(commands.cid()).contains("/opt/trinity/trinqtt is missing");
    }

    @Test
    void givenTheCommands_whenListed_thenEachFunctionAndParameterIsDescribed() {
        List<Method> functions = Arrays.stream(CryptoCommands.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .toList();

        assertThat(functions).extracting(Method::getName).containsOnly("register", "cid", "uid");
        for (Method function : functions) {
            assertThat(function.getAnnotation(Descriptor.class)).as(function.toString()).isNotNull();
            for (Parameter parameter : function.getParameters()) {
                if (parameter.getType() != CommandSession.class) {
                    assertThat(parameter.getAnnotation(Descriptor.class)).as(parameter.toString()).isNotNull();
                }
            }
        }
    }

    @Test
    void givenAModelLessDevice_whenAskedForTheUid_thenItStillAnswers() {
        CryptoCommands linux = new CryptoCommands(registrar, credentials,
                new TestIdentity("202481587074134", OptionalInt.empty()), new PasswordPrompt(() -> null));

        assertThat(linux.uid()).isEqualTo("202481587074134");
    }
}
