package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

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
    void givenAPbkdf2Hash_thenOnlyItsPasswordMatches_andNoUpgradeIsAdvised() {
        Password password = Password.ofHash(Pbkdf2.of("s3cret".toCharArray(), 1000, new SecureRandom()).format());

        assertThat(password.matches("s3cret")).isTrue();
        assertThat(password.matches("S3cret")).isFalse();
        assertThat(password.matches("")).isFalse();
        assertThat(password.upgradeAdvice()).isEmpty();
    }

    @Test
    void givenTheOldSha256HashFromTheOpensslOneLiner_thenItsPasswordStillMatches_withAdviceToUpgrade() {
        // printf %s 'the password' | openssl dgst -sha256 -binary | base64
        Password password = Password.ofHash("{sha-256}fJyJSo9BV8jXnaQoY+5EIvU9Ky7dpXHhwlNHoWyGXAo=");

        assertThat(password.matches("the password")).isTrue();
        assertThat(password.matches("the Password")).isFalse();
        assertThat(password.upgradeAdvice()).hasValueSatisfying(advice -> assertThat(advice)
                .contains("passwordHash").contains("conf/trin.console.cfg").contains("unsalted")
                .contains("bin/trin console-password").doesNotContain("fJyJSo9BV8"));
    }

    @Test
    void givenAMalformedHash_thenItIsRefusedWithAReason() {
        assertThatThrownBy(() -> Password.ofHash("admin")).hasMessageContaining("{pbkdf2-sha256}")
                .hasMessageContaining("bin/trin console-password");
        assertThatThrownBy(() -> Password.ofHash("{sha-256}AAAA")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Password.ofHash("{pbkdf2-sha256}1$AAAA")).hasMessageContaining("passwordHash");
    }
}
