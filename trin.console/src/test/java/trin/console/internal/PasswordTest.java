package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordTest {

    @TempDir
    Path temp;

    @Test
    void givenNoPasswordFile_whenLoaded_thenARandomPasswordIsWrittenOwnerOnly_andItMatches() throws Exception {
        Path file = temp.resolve("data/console.password");

        Password password = Password.ofFile(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String written = Files.readString(file, UTF_8).strip();
        assertThat(written).hasSizeGreaterThanOrEqualTo(20);
        assertThat(password.matches(written)).isTrue();
        assertThat(password.matches(written + "x")).isFalse();
    }

    @Test
    void givenAPasswordFile_whenLoadedAgain_thenItIsKept_notMadeAnew() throws Exception {
        Path file = temp.resolve("console.password");
        Password.ofFile(file);
        String first = Files.readString(file, UTF_8);

        Password again = Password.ofFile(file);

        assertThat(Files.readString(file, UTF_8)).isEqualTo(first);
        assertThat(again.matches(first.strip())).isTrue();
    }

    @Test
    void givenTwoFirstStarts_thenTheirPasswordsDiffer() throws Exception {
        Password.ofFile(temp.resolve("a"));
        Password.ofFile(temp.resolve("b"));

        assertThat(Files.readString(temp.resolve("a"))).isNotEqualTo(Files.readString(temp.resolve("b")));
    }

    @Test
    void givenAHash_thenOnlyItsPasswordMatches() {
        Password password = Password.ofHash(Password.hashOf("s3cret"));

        assertThat(password.matches("s3cret")).isTrue();
        assertThat(password.matches("S3cret")).isFalse();
        assertThat(password.matches("")).isFalse();
    }

    @Test
    void givenTheHashMadeByTheOneLinerInConf_thenItsPasswordMatches() {
        // printf %s 'the password' | openssl dgst -sha256 -binary | base64
        String hash = "{sha-256}fJyJSo9BV8jXnaQoY+5EIvU9Ky7dpXHhwlNHoWyGXAo=";

        assertThat(Password.ofHash(hash).matches("the password")).isTrue();
        assertThat(Password.hashOf("the password")).isEqualTo(hash);
    }

    @Test
    void givenAMalformedHash_thenItIsRefusedWithAReason() {
        assertThatThrownBy(() -> Password.ofHash("admin")).hasMessageContaining("{sha-256}");
        assertThatThrownBy(() -> Password.ofHash("{sha-256}AAAA")).hasMessageContaining("32 bytes");
    }
}
