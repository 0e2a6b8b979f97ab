package trin.hw.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetInterfacesTest {

    @TempDir
    Path root;

    private NetDir net;

    @BeforeEach
    void createNetDir() {
        net = new NetDir(root);
    }

    @Test
    void givenVmWithEth0AndIfbs_thenEth0AsInSmartMqtt() {
        net.virtual("lo", "00:00:00:00:00:00", 1, "unknown")
                .virtual("ifb0", "aa:25:f4:4a:0a:7b", 2, "down")
                .virtual("ifb1", "92:51:7e:4f:b7:bb", 3, "down")
                .physical("eth0", "02:fc:00:00:00:01", 4, "up");

        assertThat(preferred()).contains("eth0");
        assertThat(NetInterfaces.preferred(root)).map(i -> i.mac().uid()).contains("3281355014145");
    }

    @Test
    void givenVirtualBetterOnEveryOtherRule_thenPhysicalWins() {
        net.virtual("br0", "b8:27:eb:00:00:01", 1, "up").physical("eth0", "02:00:00:00:00:02", 2, "down");

        assertThat(preferred()).contains("eth0");
    }

    @Test
    void givenLocallyAdministeredUpWithLowerIndex_thenUniversallyAdministeredWins() {
        net.physical("eth0", "02:42:ac:11:00:02", 1, "up").physical("eth1", "b8:27:eb:12:34:56", 2, "down");

        assertThat(preferred()).contains("eth1");
    }

    @Test
    void givenDownWithLowerIndex_thenUpWins() {
        net.physical("eth0", "b8:27:eb:00:00:01", 1, "down").physical("wlan0", "b8:27:eb:00:00:02", 2, "up");

        assertThat(preferred()).contains("wlan0");
    }

    @Test
    void givenAllElseEqual_thenLowestIndexWins() {
        net.physical("eth0", "b8:27:eb:00:00:01", 3, "up").physical("eth1", "b8:27:eb:00:00:02", 2, "up");

        assertThat(preferred()).contains("eth1");
    }

    @Test
    void givenSameIndex_thenNameDecides() {
        net.physical("eth1", "b8:27:eb:00:00:01", 2, "up").physical("eth0", "b8:27:eb:00:00:02", 2, "up");

        assertThat(preferred()).contains("eth0");
    }

    @Test
    void givenMissingOrUnparsableIndex_thenSortsAfterAnIndex() throws IOException {
        net.physical("eth0", "b8:27:eb:00:00:01", null, "up")
                .physical("eth1", "b8:27:eb:00:00:02", 7, "up");
        writeFile("eth0/ifindex", "x");

        assertThat(preferred()).contains("eth1");
    }

    @Test
    void givenMissingOperstate_thenCountsAsDown() {
        net.physical("eth0", "b8:27:eb:00:00:01", 1, null).physical("eth1", "b8:27:eb:00:00:02", 2, "up");

        assertThat(preferred()).contains("eth1");
    }

    @Test
    void givenOnlyLoopbackAndZeroMacs_thenNone() {
        net.virtual("lo", "12:34:56:78:9a:bc", 1, "unknown")
                .physical("eth0", "00:00:00:00:00:00", 2, "up")
                .virtual("sit0", "00:00:00:00", 3, "down");

        assertThat(NetInterfaces.preferred(root)).isEmpty();
    }

    @Test
    void givenUnreadableMissingOrMalformedAddresses_thenThoseInterfacesLeftOut() throws IOException {
        net.physical("eth0", null, 1, "up")
                .physical("eth1", null, 2, "up")
                .physical("eth2", "", 3, "up")
                .physical("wwan0", "garbage", 4, "up")
                .virtual("docker0", "02:42:9d:00:00:01", 9, "down");
        Files.createDirectory(root.resolve("eth1/address"));
        writeFile("bonding_masters", "bond0");

        assertThat(NetInterfaces.read(root)).extracting(NetInterface::name).containsExactly("docker0");
        assertThat(preferred()).contains("docker0");
    }

    @Test
    void givenMissingNetDir_thenNone() {
        assertThat(NetInterfaces.preferred(root.resolve("missing"))).isEmpty();
    }

    @Test
    void givenThisMachine_thenUidIsDecimalStableAndTheChosenInterfacesMac() throws IOException {
        Path sys = Path.of("/sys/class/net");
        assumeTrue(Files.isDirectory(sys), "no /sys/class/net here");

        NetInterface first = NetInterfaces.preferred(sys).orElseThrow();
        NetInterface second = NetInterfaces.preferred(sys).orElseThrow();

        assertThat(first.mac().uid()).matches("[1-9][0-9]*").isEqualTo(second.mac().uid());
        byte[] fromJava = NetworkInterface.getByName(first.name()).getHardwareAddress();
        assertThat(new BigInteger(1, fromJava).toString()).isEqualTo(first.mac().uid());
    }

    private Optional<String> preferred() {
        return NetInterfaces.preferred(root).map(NetInterface::name);
    }

    private void writeFile(String path, String text) throws IOException {
        Files.writeString(root.resolve(path), text);
    }
}
