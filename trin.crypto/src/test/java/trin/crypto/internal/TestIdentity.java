package trin.crypto.internal;

import java.util.OptionalInt;

import trin.api.device.DeviceIdentity;

/** A device whose identity is given, as a hardware bundle would provide it. */
public record TestIdentity(String uid, OptionalInt modelId) implements DeviceIdentity {

    public static final String PI_UID = "AAA0000DEADBEEF";

    public static TestIdentity raspberryPi() {
        return new TestIdentity(PI_UID, OptionalInt.of(2795));
    }

    @Override
    public String hardware() {
        return "test hardware";
    }

    @Override
    public void reboot() {
        throw new UnsupportedOperationException("a test device does not reboot");
    }
}
