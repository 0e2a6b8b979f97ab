package trin.client.internal;

import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.writeString(rebootMarker, "rebooted");
    }
}
