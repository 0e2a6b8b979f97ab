package trin.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PasswordHashTest {

    static Stream<Arguments> vectors() throws IOException {
        try (InputStream in = PasswordHashTest.class.getResourceAsStream("/vectors/passwords.json")) {
            JsonNode cases = new ObjectMapper().readTree(in).get("cases");
            assertThat(cases).isNotEmpty();
            Stream.Builder<Arguments> arguments = Stream.builder();
            cases.forEach(c -> arguments.add(Arguments.of(
                    c.get("key_hex").asText(), c.get("unix_seconds").asLong(), c.get("password").asText())));
            return arguments.build();
        }
    }

    @ParameterizedTest(name = "key {0} at {1} gives {2}")
    @MethodSource("vectors")
    void givenAVectorsKeyAndSecond_whenHashed_thenItsPasswordComesOut(String keyHex, long seconds, String expected) {
        char[] password = PasswordHash.compute(HexFormat.of().parseHex(keyHex), seconds);

        assertThat(new String(password)).isEqualTo(expected).hasSize(32);
    }

    @Test
    void givenASaltOutsideThe32BitRange_whenHashed_thenItIsRefused() {
        byte[] key = {1, 2, 3};

        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.compute(key, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.compute(key, 1L << 32));
    }
}
