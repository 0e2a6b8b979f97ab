package trin.devbroker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmartPasswordTest {

    // The golden cases of shared/vectors/passwords.json.
    @ParameterizedTest
    @CsvSource({
        "00112233445566778899aabbccddeeff, 1700000000, APFTZSCPeDdK3Bp5veaDPMgbm/TIjIpt",
        "6b6579, 0, AAAAAMbxkaRC1axpnqy7YO1VS4eXQ5zQ",
        "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef, 1764000000, AIEkaQvccEmFkv3IowtYcXM8OKUNip+S",
        "ff, 4294967295, /////3383hMprj491WU2RPLvHe66hmXy",
    })
    void computesTheGoldenPasswordsAndReadsThemBack(String keyHex, long seconds, String password) {
        byte[] key = HexFormat.of().parseHex(keyHex);

        assertThat(SmartPassword.compute(key, seconds)).isEqualTo(password);
        assertThat(SmartPassword.salt(password)).hasValue(seconds);
        assertThat(SmartPassword.matches(password, key)).isTrue();
        assertThat(SmartPassword.matches(password, new byte[] {1, 2, 3})).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "AAAA", "APFTZSCPeDdK3Bp5veaDPMgbm/TIjIptAAAA"})
    void givenAMalformedPasswordThenItHasNoSaltAndMatchesNothing(String password) {
        assertThat(SmartPassword.salt(password)).isEmpty();
        assertThat(SmartPassword.matches(password, new byte[16])).isFalse();
    }
}
