package trin.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import trin.api.device.Registration;
import trin.api.device.RegistrationException;

class RegistrationClientTest {

    static final String USER = "alice@example.com";
    static final String PASSWORD = "s3cr:t pässwörd!";
    static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String UID = TestIdentity.PI_UID;
    static final byte[] KEY = {0x01, 0x0a, 0x20, (byte) 0xfe, 0x00, 0x7f};

    @TempDir
    Path root;

    private Path keyDir;
    private FakePlatform platform;

    @BeforeEach
    void startPlatform() throws IOException {
        keyDir = root.resolve("opt/trinity");
        platform = new FakePlatform();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private Registration register(Optional<String> customerId) throws RegistrationException {
        return client(platform.url(), Duration.ofSeconds(5)).register(UID, OptionalInt.of(2795), USER,
                PASSWORD.toCharArray(), customerId);
    }

    private RegistrationClient client(String url, Duration timeout) {
        return new RegistrationClient(url, keyDir, timeout);
    }

    private List<String> keyDirFiles() throws IOException {
        if (!Files.exists(keyDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(keyDir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private void assertFailsWithNothingWritten(ThrowingCallable registration, String... messageParts)
            throws IOException {
        assertThatExceptionOfType(RegistrationException.class).isThrownBy(registration)
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts).doesNotContain(PASSWORD));
        assertThat(keyDirFiles()).isEmpty();
    }

    @Test
    void givenThePlatformAccepts_whenRegistering_thenTheRequestIsTheDocumentedOne() throws Exception {
        platform.answersSuccess("C42", UID, HexFormat.of().formatHex(KEY), "Welcome");

        register(Optional.empty());

        FakePlatform.Request request = platform.request();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(FakePlatform.PATH + UID + "/");
        assertThat(request.headers()).containsEntry("authorization", BASIC)
                .containsEntry("content-type", "application/json");
        assertThat(request.body()).isEqualTo("{\"model_id\":2795}");
    }

    @Test
    void givenThePlatformAccepts_whenRegistering_thenKeyAndCidAreStoredWithTheirModesAndNoTemporaryFile()
            throws Exception {
        platform.answersSuccess("C42", UID, HexFormat.of().formatHex(KEY).toUpperCase(), "Welcome aboard");

        Registration registration = register(Optional.empty());

        assertThat(registration).isEqualTo(new Registration("C42", UID, "Welcome aboard"));
        assertThat(keyDirFiles()).containsExactly("trinqtt", "trinqtt.cid");
        assertThat(Files.readAllBytes(keyDir.resolve("trinqtt"))).containsExactly(KEY);
        assertThat(Files.getPosixFilePermissions(keyDir.resolve("trinqtt"))).isEqualTo(FileModes.KEY);
        assertThat(Files.readString(keyDir.resolve("trinqtt.cid")).strip()).isEqualTo("C42");
        assertThat(Files.getPosixFilePermissions(keyDir.resolve("trinqtt.cid")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(Files.getPosixFilePermissions(keyDir)).as("the key directory")
                .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void givenTheLocalDevelopmentKeyDir_whenRegistering_thenRefusedBeforeAnythingIsSentOrWritten() throws Exception {
        Files.createDirectories(keyDir);
        byte[] developmentKey = {0x11, 0x22, 0x33};
        Files.write(keyDir.resolve("trinqtt"), developmentKey);
        Files.writeString(keyDir.resolve("trinqtt.cid"), RegistrationClient.LOCAL_CID + "\n");
        platform.answersSuccess("C42", UID, HexFormat.of().formatHex(KEY), "");

        assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> register(Optional.empty()))
                .satisfies(e -> assertThat(e.getMessage()).contains("LOCAL", keyDir.toString(), "conf/platform")
                        .doesNotContain(PASSWORD));

        assertThat(platform.receivedNothing()).isTrue();
        assertThat(Files.readAllBytes(keyDir.resolve("trinqtt"))).containsExactly(developmentKey);
        assertThat(keyDirFiles()).containsExactly("trinqtt", "trinqtt.cid");
    }

    @Test
    void givenAWorldWritableKeyDir_whenRegistering_thenItIsNarrowedBeforeTheKeyIsWritten() throws Exception {
        Files.createDirectories(keyDir);
        Files.setPosixFilePermissions(keyDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        platform.answersSuccess("C42", UID, HexFormat.of().formatHex(KEY), "");

        register(Optional.empty());

        assertThat(Files.getPosixFilePermissions(keyDir)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(keyDir.resolve("trinqtt"))).isEqualTo(FileModes.KEY);
    }

    @Test
    void givenAnOldWorldReadableKey_whenRegistering_thenItIsReplacedByAnOwnerOnlyOne() throws Exception {
        Files.createDirectories(keyDir);
        Files.write(keyDir.resolve("trinqtt"), "old key".getBytes(StandardCharsets.US_ASCII));
        Files.setPosixFilePermissions(keyDir.resolve("trinqtt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(keyDir.resolve("trinqtt.cid"), "OLD\n");
        platform.answersSuccess("C42", UID, HexFormat.of().formatHex(KEY), "");

        register(Optional.empty());

        assertThat(Files.readAllBytes(keyDir.resolve("trinqtt"))).containsExactly(KEY);
        assertThat(Files.getPosixFilePermissions(keyDir.resolve("trinqtt"))).isEqualTo(FileModes.KEY);
        assertThat(new KeyFiles(keyDir).cid()).isEqualTo("C42");
        assertThat(keyDirFiles()).containsExactly("trinqtt", "trinqtt.cid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "//"})
    void givenAnyTrailingSlashes_whenRegistering_thenExactlyOneSlashJoinsUrlAndUid(String slashes) throws Exception {
        platform.answersSuccess("C42", UID, "00", "");
        String base = platform.url().replaceAll("/+$", "") + slashes;

        client(base, Duration.ofSeconds(5)).register(UID, OptionalInt.of(2795), USER, PASSWORD.toCharArray(),
                Optional.empty());

        assertThat(platform.request().path()).isEqualTo(FakePlatform.PATH + UID + "/");
    }

    @Test
    void givenANumericCustomerId_whenRegistering_thenItIsSentAsANumber() throws Exception {
        platform.answersSuccess("C42", UID, "00", "");

        register(Optional.of("1234"));

        assertThat(platform.request().body()).isEqualTo("{\"model_id\":2795,\"target_customer_id\":1234}");
    }

    @Test
    void givenANonNumericCustomerId_whenRegistering_thenItIsSentAsAString() throws Exception {
        platform.answersSuccess("C42", UID, "00", "");

        register(Optional.of("acme-7"));

        assertThat(platform.request().body()).isEqualTo("{\"model_id\":2795,\"target_customer_id\":\"acme-7\"}");
    }

    @Test
    void givenThePlatformAnswersAnError_whenRegistering_thenItsTextIsTheMessage() throws IOException {
        platform.answers(200, "{\"err\": \"Device already registered to another customer\"}");

        assertFailsWithNothingWritten(() -> register(Optional.empty()),
                "Device already registered to another customer");
    }

    @Test
    void givenAnErrorWithAnErrorStatus_whenRegistering_thenStatusAndTextAreInTheMessage() throws IOException {
        platform.answers(400, "{\"err\": \"Unknown model\"}");

        assertFailsWithNothingWritten(() -> register(Optional.empty()), "HTTP 400", "Unknown model");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void givenTheLoginIsRefused_whenRegistering_thenTheMessageSaysSo(int status) throws IOException {
        platform.answers(status, "{\"detail\": \"Invalid username/password.\"}");

        assertFailsWithNothingWritten(() -> register(Optional.empty()),
                "refused the login of user " + USER, "HTTP " + status, "check the username and password");
    }

    @Test
    void givenAServerError_whenRegistering_thenStatusAndAnExcerptOfTheBodyAreInTheMessage() throws IOException {
        platform.answers(500, "<html>\n<h1>Server Error (500)</h1>\n" + "x".repeat(5000) + "</html>");

        assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> register(Optional.empty()))
                .withMessageContaining("HTTP 500")
                .withMessageContaining("<html> <h1>Server Error (500)</h1>")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        assertThat(keyDirFiles()).isEmpty();
    }

    @Test
    void givenAPlatformThatNeverAnswers_whenRegistering_thenItTimesOut() throws IOException {
        platform.neverAnswers();

        assertFailsWithNothingWritten(() -> client(platform.url(), Duration.ofMillis(300))
                .register(UID, OptionalInt.of(2795), USER, PASSWORD.toCharArray(), Optional.empty()),
                "did not answer within 300 ms", "registrationTimeout");
    }

    @Test
    void givenAnAnswerWhoseBodyNeverComes_whenRegistering_thenItTimesOutToo() throws IOException {
        platform.stallsAfterHeaders();

        assertFailsWithNothingWritten(() -> client(platform.url(), Duration.ofMillis(300))
                .register(UID, OptionalInt.of(2795), USER, PASSWORD.toCharArray(), Optional.empty()),
                "did not answer within 300 ms");
    }

    @Test
    void givenNothingListens_whenRegistering_thenTheConnectionIsRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertFailsWithNothingWritten(() -> client("http://127.0.0.1:" + port + FakePlatform.PATH,
                Duration.ofSeconds(5)).register(UID, OptionalInt.of(2795), USER, PASSWORD.toCharArray(),
                        Optional.empty()),
                "Cannot connect to the registration service at http://127.0.0.1:" + port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>Bad Gateway</html>", "", "[1, 2]", "\"ok\"", "{\"uid\": \"x\"}"})
    void givenAnAnswerThatIsNotARegistration_whenRegistering_thenItSaysItWasNotUnderstood(String garbage)
            throws IOException {
        platform.answers(200, garbage);

        assertFailsWithNothingWritten(() -> register(Optional.empty()), "registration service");
    }

    @Test
    void givenAKeyThatIsNotHex_whenRegistering_thenNothingIsWrittenAndTheKeyIsNotShown() throws IOException {
        platform.answersSuccess("C42", UID, "secretZZ", "");

        assertFailsWithNothingWritten(() -> register(Optional.empty()), "(pk) is not hexadecimal");
        assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> register(Optional.empty()))
                .withMessageNotContaining("secretZZ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smart.trintel.co.za/api", "ftp://example.com/reg/", "http://[bad"})
    void givenAnInvalidRegistrationUrl_whenRegistering_thenItNamesTheSetting(String url) throws IOException {
        assertFailsWithNothingWritten(() -> client(url, Duration.ofSeconds(5))
                .register(UID, OptionalInt.of(2795), USER, PASSWORD.toCharArray(), Optional.empty()),
                "registrationUrl");
    }

    @Test
    void givenNoModelId_whenRegistering_thenItSaysToSetItAndSendsNothing() throws IOException {
        assertFailsWithNothingWritten(() -> client(platform.url(), Duration.ofSeconds(5))
                .register(UID, OptionalInt.empty(), USER, PASSWORD.toCharArray(), Optional.empty()),
                "set modelId in configuration trin.hw.linux");
        assertThat(platform.receivedNothing()).isTrue();
    }

    @Test
    void givenTheKeyDirCannotBeCreated_whenRegistering_thenItSaysSoAndLeavesNoFile() throws Exception {
        Files.createDirectories(keyDir.getParent());
        Files.writeString(keyDir, "a file where the directory should be");
        platform.answersSuccess("C42", UID, HexFormat.of().formatHex(KEY), "");

        assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> register(Optional.empty()))
                .withMessageContaining("could not be written to " + keyDir);
        try (Stream<Path> files = Files.list(keyDir.getParent())) {
            assertThat(files).containsExactly(keyDir);
        }
    }

    @Test
    void givenAnOldKey_whenARegistrationFails_thenTheOldKeyIsUntouched() throws Exception {
        Files.createDirectories(keyDir);
        Files.write(keyDir.resolve("trinqtt"), "old key".getBytes(StandardCharsets.US_ASCII));
        platform.answersSuccess("C42", UID, "not hex", "");

        assertThatExceptionOfType(RegistrationException.class).isThrownBy(() -> register(Optional.empty()));

        assertThat(Files.readString(keyDir.resolve("trinqtt"))).isEqualTo("old key");
        assertThat(keyDirFiles()).containsExactly("trinqtt");
    }
}
