package trin.hw.linux.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /sys/class/net-style tree for tests: one directory per interface. */
final class NetDir {

    final Path root;

    NetDir(Path root) {
        this.root = root;
    }

    /** A physical interface (it has a device entry); null leaves a file out. */
    NetDir physical(String name, String address, Integer ifindex, String operstate) {
        return add(name, address, ifindex, operstate, true);
    }

    NetDir virtual(String name, String address, Integer ifindex, String operstate) {
        return add(name, address, ifindex, operstate, false);
    }

    private NetDir add(String name, String address, Integer ifindex, String operstate, boolean physical) {
        try {
            Path dir = Files.createDirectories(root.resolve(name));
            write(dir.resolve("address"), address);
            write(dir.resolve("ifindex"), ifindex == null ? null : ifindex.toString());
            write(dir.resolve("operstate"), operstate);
            if (physical) {
                Files.createDirectory(dir.resolve("device"));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String value) throws IOException {
        if (value != null) {
            Files.writeString(file, value + "\n");
        }
    }
}
