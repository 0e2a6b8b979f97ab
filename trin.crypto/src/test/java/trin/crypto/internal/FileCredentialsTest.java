package trin.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.device.NotProvisionedException;
import trin.testkit.LogCapture;

class FileCredentialsTest {

    private static final byte[] BINARY_KEY = {0x00, 'k', '\n', 'e', ' ', '\t', 'y', '\r', (byte) 0xff, ' ', '\n'};

    @TempDir
    Path keyDir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000L);
    private FileCredentials credentials;

    private FileCredentials credentials() {
        if (credentials == null) {
            credentials = new FileCredentials(new KeyFiles(keyDir), new SaltSequence(clock::get));
        }
        return credentials;
    }

    private void provision(byte[] key, String cidFile) throws IOException {
        Path keyFile = Files.write(keyDir.resolve("trinqtt"), key);
        Files.setPosixFilePermissions(keyFile, FileModes.KEY);
        Files.writeString(keyDir.resolve("trinqtt.cid"), cidFile);
    }

    private static long salt(char[] password) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(Base64.getDecoder().decode(new String(password)), 0, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void givenABinaryKeyWithNewlinesAndWhitespace_whenAPasswordIsMade_thenTheWholeFileIsTheKey() throws Exception {
        provision(BINARY_KEY, "C42\n");

        char[] password = credentials().password();

        assertThat(password).containsExactly(PasswordHash.compute(BINARY_KEY, 1_700_000_000L));
        // What the Python client's readline().strip() would have used instead.
        assertThat(new String(password))
                .isNotEqualTo(new String(PasswordHash.compute(new byte[] {0x00, 'k'}, 1_700_000_000L)));
    }

    @Test
    void givenACidFileWithSpacesAndASecondLine_whenRead_thenTheFirstLineTrimmedIsTheCid() throws Exception {
        provision(BINARY_KEY, "  C42 \r\nsomething else\n");

        assertThat(credentials().cid()).isEqualTo("C42");
        assertThat(credentials().username(TestIdentity.PI_UID)).isEqualTo("C42AAA0000DEADBEEF");
        assertThat(credentials().provisioned()).isTrue();
    }

    @Test
    void givenManyQuickCalls_whenPasswordsAreMade_thenTheirSaltsStrictlyIncrease() throws Exception {
        provision(BINARY_KEY, "C42");
        long last = -1;

        for (int i = 0; i < 1000; i++) {
            if (i % 100 == 0) {
                clock.incrementAndGet();
            }
            long salt = salt(credentials().password());
            assertThat(salt).isGreaterThan(last);
            last = salt;
        }
    }

    @Test
    void givenTheSystemClock_whenTwoPasswordsAreMadeAtOnce_thenTheyDiffer() throws Exception {
        provision(BINARY_KEY, "C42");
        FileCredentials real = new FileCredentials(TestConfig.of(keyDir, "http://unused", 1), null);

        char[] first = real.password();
        char[] second = real.password();

        assertThat(salt(second)).isGreaterThan(salt(first));
        assertThat(salt(first)).isBetween(System.currentTimeMillis() / 1000 - 5, System.currentTimeMillis() / 1000 + 5);
    }

    @Test
    void givenNoKeyFile_whenAPasswordIsAsked_thenTheMessageNamesTheFileAndTheCommand() throws Exception {
        Files.writeString(keyDir.resolve("trinqtt.cid"), "C42");

        assertThat(credentials().provisioned()).isFalse();
        assertThatExceptionOfType(NotProvisionedException.class).isThrownBy(() -> credentials().password())
                .withMessageContaining(keyDir.resolve("trinqtt") + " is missing")
                .withMessageContaining("trin:register <username>")
                .withMessageContaining("bin/trin register <username>");
    }

    @Test
    void givenNoCidFile_whenTheCidIsAsked_thenTheMessageNamesTheCidFile() throws Exception {
        Files.setPosixFilePermissions(Files.write(keyDir.resolve("trinqtt"), BINARY_KEY), FileModes.KEY);

        assertThat(credentials().provisioned()).isFalse();
        assertThatExceptionOfType(NotProvisionedException.class).isThrownBy(() -> credentials().username("U1"))
                .withMessageContaining(keyDir.resolve("trinqtt.cid") + " is missing")
                .withMessageContaining("trin:register <username>");
    }

    @Test
    void givenEmptyFiles_whenUsed_thenTheDeviceIsNotProvisioned() throws Exception {
        provision(new byte[0], " \n");

        assertThatExceptionOfType(NotProvisionedException.class).isThrownBy(() -> credentials().password())
                .withMessageContaining("trinqtt is empty");
        assertThatExceptionOfType(NotProvisionedException.class).isThrownBy(() -> credentials().cid())
                .withMessageContaining("trinqtt.cid has no CID");
    }

    @Test
    void givenTheFilesAppearOrChangeAfterStart_whenUsed_thenTheNewOnesAreRead() throws Exception {
        assertThat(credentials().provisioned()).isFalse();

        provision(BINARY_KEY, "C42");
        assertThat(credentials().cid()).isEqualTo("C42");
        assertThat(credentials().password()).containsExactly(PasswordHash.compute(BINARY_KEY, 1_700_000_000L));

        Path replacement = Files.write(keyDir.resolve("new"), "other key".getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(replacement, FileModes.KEY);
        Files.move(replacement, keyDir.resolve("trinqtt"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(keyDir.resolve("trinqtt.cid"), "C43-longer");

        assertThat(credentials().cid()).isEqualTo("C43-longer");
        assertThat(credentials().password())
                .containsExactly(PasswordHash.compute("other key".getBytes(StandardCharsets.US_ASCII), 1_700_000_001L));
    }

    @Test
    void givenAKeyReadableByOthers_whenUsedManyTimes_thenItWorksWithOneWarningAndNoSecretLogged() throws Exception {
        provision(BINARY_KEY, "C42");
        Path keyFile = keyDir.resolve("trinqtt");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        StringBuilder passwords = new StringBuilder();

        String log;
        try (LogCapture capture = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                char[] password = credentials().password();
                assertThat(password).containsExactly(PasswordHash.compute(BINARY_KEY, 1_700_000_000L + i));
                passwords.append(password).append('\n');
            }
            log = capture.text();
        }

        assertThat(log.lines().filter(line -> line.contains("WARN"))).singleElement().asString()
                .contains("chmod 600 " + keyFile)
                .contains("0644");
        passwords.toString().lines().forEach(password -> assertThat(log).doesNotContain(password));
        assertThat(log).doesNotContainIgnoringCase(HexFormat.of().formatHex(BINARY_KEY));
    }

    @Test
    void givenAKeyOfMode0600_whenUsed_thenNothingIsWarned() throws Exception {
        provision(BINARY_KEY, "C42");

        try (LogCapture capture = new LogCapture()) {
            credentials().password();
            assertThat(capture.text()).doesNotContain("WARN");
        }
    }
}
