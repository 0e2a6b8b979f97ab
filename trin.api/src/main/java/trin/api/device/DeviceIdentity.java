package trin.api.device;

import java.io.IOException;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the gateway is: its UID on the Smart platform, its model, and how to
 * reboot it.
 *
 * <p>Implemented by the hardware bundles (Raspberry Pi, Linux), and by anyone
 * supporting other hardware. A hardware bundle registers it only on a machine
 * it applies to; when several are registered, the one with the highest
 * service ranking wins (the Raspberry Pi's above the generic Linux one).
 */
@ConsumerType
public interface DeviceIdentity {

    /**
     * The device's unique id (UID, "Device Unique ID" on Smart). It does not
     * change between boots.
     *
     * @return the UID, never empty
     */
    String uid();

    /**
     * The Smart model id, needed to register the device.
     *
     * @return the model id, or empty when none is known or configured
     */
    OptionalInt modelId();

    /**
     * A name for people: the kind of hardware, such as {@code "Raspberry Pi"}.
     *
     * @return the hardware's name
     */
    String hardware();

    /**
     * Reboots the machine now, with the configured command.
     *
     * @throws IOException when the command cannot be started or fails
     */
    void reboot() throws IOException;
}
