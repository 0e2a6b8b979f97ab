package trin.hw.linux.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the interfaces of a {@code /sys/class/net}-style directory. What
 * cannot be read is tolerated: an interface without a usable MAC is left out,
 * one without an index sorts last, one without a state counts as down.
 */
final class NetInterfaces {

    private static final Logger LOG = LoggerFactory.getLogger(NetInterfaces.class);

    private NetInterfaces() {
    }

    /** @return the interface whose MAC is the UID, or empty when none is usable */
    static Optional<NetInterface> preferred(Path netDir) {
        return read(netDir).stream().min(NetInterface.PREFERENCE);
    }

    /** @return the interfaces with a non-zero MAC, loopback left out, in no particular order */
    static List<NetInterface> read(Path netDir) {
        List<NetInterface> interfaces = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(netDir, Files::isDirectory)) {
            for (Path dir : entries) {
                readInterface(dir).ifPresent(interfaces::add);
            }
        } catch (IOException e) {
            LOG.warn("Cannot list network interfaces in {}: {}", netDir, e.toString());
        }
        return interfaces;
    }

    private static Optional<NetInterface> readInterface(Path dir) {
        String name = dir.getFileName().toString();
        if (name.equals("lo")) {
            return Optional.empty();
        }
        return text(dir.resolve("address"))
                .flatMap(MacAddress::parse)
                .filter(mac -> !mac.isZero())
                .map(mac -> new NetInterface(name, mac, ifindex(dir), isUp(dir),
                        Files.exists(dir.resolve("device"), LinkOption.NOFOLLOW_LINKS)));
    }

    private static int ifindex(Path dir) {
        try {
            return text(dir.resolve("ifindex")).map(Integer::parseInt).orElse(Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static boolean isUp(Path dir) {
        return text(dir.resolve("operstate")).filter("up"::equals).isPresent();
    }

    private static Optional<String> text(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
