package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ConsoleAuthTest {

    private final ConsoleAuth auth = new ConsoleAuth(Password.ofHash(Password.hashOf("pa:ss word")));

    @Test
    void givenTheUserTrinAndItsPassword_thenAllowed() {
        assertThat(auth.allowed(basic("trin:pa:ss word"))).isTrue();
        assertThat(auth.allowed("basic " + Base64.getEncoder().encodeToString("trin:pa:ss word".getBytes(UTF_8))))
                .as("the scheme in any case").isTrue();
    }

    @Test
    void givenAWrongPasswordOrUserOrNone_thenRefused() {
        assertThat(auth.allowed(basic("trin:wrong"))).isFalse();
        assertThat(auth.allowed(basic("admin:admin"))).isFalse();
        assertThat(auth.allowed(basic("admin:pa:ss word"))).isFalse();
        assertThat(auth.allowed(basic("trin"))).isFalse();
        assertThat(auth.allowed(null)).isFalse();
        assertThat(auth.allowed("Bearer abc")).isFalse();
        assertThat(auth.allowed("Basic !!!not-base64")).isFalse();
    }

    @Test
    void givenTheWebConsoleAsksForARole_thenOnlyTheUserTrinHasIt() {
        assertThat(auth.authorize("trin", "any")).isTrue();
        assertThat(auth.authorize("admin", "any")).isFalse();
        assertThat(auth.authorize(null, "any")).isFalse();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8));
    }
}
