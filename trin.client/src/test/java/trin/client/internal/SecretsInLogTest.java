package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trin.testkit.LogCapture;


/**
 * No secret reaches the log in a whole session on the broker that checks Smart passwords: connects,
 * reconnects with new passwords, commands good and bad, a failing handler, a planned stop. Captured at
 * the tests' log level (info; {@code simplelogger.properties}). The user's Smart password is trin.crypto's
 * ({@code RegistrationSecretsTest}).
 */
class SecretsInLogTest {

    @Test
    void givenAWholeSession_whenItsLogIsCaptured_thenNoKeyAndNoPasswordIsInIt(@TempDir Path dir) throws Exception {
        String log;
        List<String> passwords;
        byte[] key;
        try (LogCapture capture = new LogCapture(); ClientHarness gateway = ClientHarness.onSmartBroker(dir)) {
            key = gateway.key;
            gateway.handler("app", command -> {
                throw new IllegalStateException("handler failed");
            }).start();
            gateway.command("app", "{\"c\":[0,\"a1\",[\"go\"]]}");
            gateway.awaitReply("app", "a1");
            gateway.command("0", "{\"c\":[0,\"g1\",[\"get\",\"_key\"]]}");
            gateway.awaitReply("0", "g1");
            gateway.command("0", "{\"c\":[0,\"bad\",42]}");
            gateway.awaitReply("0", "bad");
            // A reconnect: a second password goes over the wire.
            gateway.command("0", "{\"c\":[0,\"k1\",[\"set_ping_interval\",30]]}");
            gateway.awaitReply("0", "k1");
            trin.testkit.Await.until("a second login", ClientHarness.WAIT,
                    () -> gateway.credentials.issued().size() >= 2
                            && gateway.client.status().counters().reconnects() >= 1
                            && gateway.client.status().state() == trin.api.client.ConnectionState.CONNECTED);
            gateway.stopClient();
            passwords = new ArrayList<>(gateway.credentials.issued());
            log = capture.text();
        }

        List<String> secrets = new ArrayList<>(passwords);
        secrets.add(HexFormat.of().formatHex(key));
        secrets.add(HexFormat.of().withUpperCase().formatHex(key));
        secrets.add(Base64.getEncoder().encodeToString(key));
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        secrets.add(Base64.getEncoder().withoutPadding().encodeToString(key));
        System.out.printf("[figures] secrets in the log: %d log lines, %d passwords issued, %d secrets looked for, "
                + "none found%n", log.lines().count(), passwords.size(), secrets.size());
        assertThat(passwords).hasSizeGreaterThanOrEqualTo(2);
        assertThat(log).contains("Connected").contains("handler failed");
        for (String secret : secrets) {
            assertThat(log).as("the log holds a secret").doesNotContain(secret);
        }
    }
}
