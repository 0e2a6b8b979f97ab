package trin.hw.raspberrypi.internal;

import trin.hw.common.RebootCommand;
import java.io.IOException;
import java.util.OptionalInt;

import trin.api.device.DeviceIdentity;

/**
 * The identity of a Raspberry Pi, registered by {@link PiIdentityRegistrar}
 * only when the CPU has a serial.
 */
final class PiIdentity implements DeviceIdentity {

    static final int MODEL_ID = 2795;
    static final String HARDWARE = "Raspberry Pi";

    private final String uid;
    private final RebootCommand reboot;

    PiIdentity(String uid, RebootCommand reboot) {
        this.uid = uid;
        this.reboot = reboot;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public OptionalInt modelId() {
        return OptionalInt.of(MODEL_ID);
    }

    @Override
    public String hardware() {
        return HARDWARE;
    }

    @Override
    public void reboot() throws IOException {
        reboot.run();
    }

    @Override
    public String toString() {
        return HARDWARE + " " + uid;
    }
}
