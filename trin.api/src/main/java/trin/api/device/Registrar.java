package trin.api.device;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers (auto-provisions) the device with the Smart platform and stores
 * the key and customer id it gets.
 *
 * <p>Implemented by trin.crypto.
 */
@ProviderType
public interface Registrar {

    /**
     * Registers this device under a Smart user's account, and stores the key
     * and the CID the platform returns. The password is neither logged nor
     * kept.
     *
     * @param username the user's Smart login
     * @param password the user's Smart password; the caller should clear it
     *        afterwards
     * @param customerId the customer to register the device for, when the user
     *        may register for several
     * @return what the platform answered
     * @throws RegistrationException when the registration or storing its
     *         result failed; the message says why, for a person to read
     */
    Registration register(String username, char[] password, Optional<String> customerId)
            throws RegistrationException;
}
