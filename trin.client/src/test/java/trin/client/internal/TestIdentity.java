package trin.client.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;

import trin.api.device.DeviceIdentity;

/** A device identity whose reboot only leaves a mark, so that tests can see it was asked for. */
record TestIdentity(String uid, Path rebootMarker) implements DeviceIdentity {

    @Override
    public OptionalInt modelId() {
        return OptionalInt.of(2795);
    }

    @Override
    public String hardware() {
        return "test";
    }

    @Override
    public void reboot() throws java.io.IOException {
        // Written aside and moved into place, so that a test that sees the marker also sees its content.
        Path aside = rebootMarker.resolveSibling(rebootMarker.getFileName() + ".part");
        Files.writeString(aside, "rebooted");
        Files.move(aside, rebootMarker, StandardCopyOption.ATOMIC_MOVE);
    }
}
