package trin.client.internal.session;

import java.util.Optional;
import java.util.function.Supplier;

import trin.api.device.Credentials;
import trin.api.device.DeviceIdentity;

/** Who the device is, for one session. */
public record Device(String uid, String cid, Credentials credentials, Supplier<Optional<DeviceIdentity>> hardware) {
}
