package trin.hw.raspberrypi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CpuInfoTest {

    static Stream<Arguments> raspberryPiVectors() throws IOException {
        JsonNode root;
        try (InputStream in = CpuInfoTest.class.getResourceAsStream("/vectors/identity.json")) {
            root = new ObjectMapper().readTree(in);
        }
        return StreamSupport.stream(root.get("raspberry_pi").spliterator(), false)
                .map(c -> Arguments.of(c.get("cpuinfo").asText(), c.get("uid").isNull() ? null : c.get("uid").asText()));
    }

    @ParameterizedTest(name = "vector {index}: UID {1}")
    @MethodSource("raspberryPiVectors")
    void givenVectorCpuinfo_thenUidIsTheVectors(String cpuinfo, String uid) {
        assertThat(CpuInfo.uid(cpuinfo)).isEqualTo(Optional.ofNullable(uid));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "raspberry-pi-3b-armv7.txt,     AAA0000C4B6E2F1",
        "raspberry-pi-4b-aarch64.txt,   AAA00002B1E5C7D",
        "raspberry-pi-zero-w-armv6.txt, AAA00005E8F3A21",
        "x86-amd-epyc.txt,",
    })
    void givenFullCpuinfoOfAMachine_thenUidFromItsSerialOrNone(String fixture, String uid) throws IOException {
        assertThat(CpuInfo.uid(fixture(fixture))).isEqualTo(Optional.ofNullable(uid));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Serial:00000000deadbeef",
        "Serial : 00000000deadbeef",
        "   Serial\t\t\t:\t00000000DEADBEEF   ",
        "processor : 0\r\nSerial\t\t: 00000000deadbeef\r\nModel : x\r\n",
        "Serial\t\t: 00000000deadbeef\nSerial\t\t: 00000000cafebabe\n",
    })
    void givenSerialLineSpacedOrCasedDifferently_thenSameUid(String cpuinfo) {
        assertThat(CpuInfo.uid(cpuinfo)).contains("AAA0000DEADBEEF");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "Serial\t\t: ",
        "Serial\t\t: 0000000deadbeef",
        "Serial\t\t: 000000000deadbeef",
        "Serial\t\t: 00000000deadbeeg",
        "Serial\t\t: 00000000 deadbeef",
        "Serial\t\t: 00:00:00:00:de:ad:be:ef",
        "Serial\t\t: 0000000000000000",
        "serial\t\t: 00000000deadbeef",
        "SerialNumber\t: 00000000deadbeef",
        "Serial 00000000deadbeef",
        "Model\t\t: Serial: 00000000deadbeef",
    })
    void givenNoOrMalformedSerial_thenNoUid(String cpuinfo) {
        assertThat(CpuInfo.uid(cpuinfo)).isEmpty();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = CpuInfoTest.class.getResourceAsStream("/cpuinfo/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
