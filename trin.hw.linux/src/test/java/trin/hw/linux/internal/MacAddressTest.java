package trin.hw.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class MacAddressTest {

    private static final String UNIVERSAL = "b8:27:eb:12:34:56";

    @TempDir
    Path dir;

    static Stream<Arguments> linuxVectors() throws IOException {
        JsonNode root;
        try (InputStream in = MacAddressTest.class.getResourceAsStream("/vectors/identity.json")) {
            root = new ObjectMapper().readTree(in);
        }
        return StreamSupport.stream(root.get("linux").spliterator(), false)
                .map(c -> Arguments.of(c.get("mac").asText(), c.get("uid").isNull() ? null : c.get("uid").asText()));
    }

    @ParameterizedTest(name = "vector {index}: {0} gives UID {1}")
    @MethodSource("linuxVectors")
    void givenVectorMac_thenUidAsTheVectorSays(String mac, String uid) {
        if (uid != null) {
            assertThat(MacAddress.parse(mac)).map(MacAddress::uid).contains(uid);
            new NetDir(dir).physical("eth0", mac, 2, "up");
            assertThat(NetInterfaces.preferred(dir)).map(i -> i.mac().uid()).contains(uid);
        } else {
            // the vector's note: locally administered, not chosen while a universally administered one exists
            assertThat(MacAddress.parse(mac)).hasValueSatisfying(m -> assertThat(m.isLocallyAdministered()).isTrue());
            new NetDir(dir).physical("eth0", mac, 2, "up").physical("eth1", UNIVERSAL, 3, "down");
            assertThat(NetInterfaces.preferred(dir)).map(NetInterface::name).contains("eth1");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "B8:27:EB:12:34:56, 202481587074134",
        "ff:ff:ff:ff:ff:ff, 281474976710655",
        "'  02:fc:00:00:00:01\n', 3281355014145",
    })
    void givenMacInAnyCase_thenUnsignedDecimalUid(String mac, String uid) {
        assertThat(MacAddress.parse(mac)).map(MacAddress::uid).contains(uid);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00:00:00:00",
        "b8:27:eb:12:34",
        "b8:27:eb:12:34:56:78",
        "b8-27-eb-12-34-56",
        "b827eb123456",
        "b8:27:eb:12:34:5g",
        "80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0e:2b:a1",
    })
    void givenNotSixHexOctets_thenNoAddress(String text) {
        assertThat(MacAddress.parse(text)).isEmpty();
    }

    @Test
    void givenBit0x02OfFirstOctet_thenLocallyAdministered() {
        assertThat(MacAddress.parse("02:42:ac:11:00:02").orElseThrow().isLocallyAdministered()).isTrue();
        assertThat(MacAddress.parse("aa:25:f4:4a:0a:7b").orElseThrow().isLocallyAdministered()).isTrue();
        assertThat(MacAddress.parse(UNIVERSAL).orElseThrow().isLocallyAdministered()).isFalse();
        assertThat(MacAddress.parse("fd:ff:ff:ff:ff:ff").orElseThrow().isLocallyAdministered()).isFalse();
    }
}
