package trin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class Pbkdf2Test {

    @Test
    void givenAHashMade_thenItsTextReadsBack_andOnlyItsPasswordMatches() {
        Pbkdf2 made = Pbkdf2.of("s3cret".toCharArray(), 2000, new SecureRandom());

        String text = made.format();
        Pbkdf2 read = Pbkdf2.parse(text);

        assertThat(text).matches("\\{pbkdf2-sha256\\}2000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}");
        assertThat(read.iterations()).isEqualTo(2000);
        assertThat(read.matches("s3cret".toCharArray())).isTrue();
        assertThat(read.matches("S3cret".toCharArray())).isFalse();
        assertThat(read.matches(new char[0])).isFalse();
    }

    @Test
    void givenTheSamePasswordTwice_thenTheSaltsAndHashesDiffer() {
        String a = Pbkdf2.of("same".toCharArray(), 1000, new SecureRandom()).format();
        String b = Pbkdf2.of("same".toCharArray(), 1000, new SecureRandom()).format();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void givenAKnownVector_thenTheJdkDerivesIt() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64 (its first 32 bytes here)
        String text = "{pbkdf2-sha256}1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=";

        assertThat(Pbkdf2.parse(text).matches("passwd".toCharArray())).isTrue();
    }

    @Test
    void givenAMalformedHash_thenItIsRefusedWithAReason_thatDoesNotRepeatIt() {
        assertThatThrownBy(() -> Pbkdf2.parse("{pbkdf2-sha256}abc")).hasMessageContaining("three parts");
        assertThatThrownBy(() -> Pbkdf2.parse("{pbkdf2-sha256}x$AAAAAAAAAAA=$AAAA")).hasMessageContaining("number");
        assertThatThrownBy(() -> Pbkdf2.parse("{pbkdf2-sha256}0$AAAAAAAAAAA=$AAAA")).hasMessageContaining("1 to");
        assertThatThrownBy(() -> Pbkdf2.parse("{pbkdf2-sha256}10$!!$!!")).hasMessageContaining("Base64")
                .hasMessageNotContaining("!!");
        assertThatThrownBy(() -> Pbkdf2.parse("{pbkdf2-sha256}10$AAAAAAAAAAA=$AAAA")).hasMessageContaining("32 bytes");
    }
}
