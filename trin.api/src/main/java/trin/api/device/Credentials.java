package trin.api.device;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the device logs in to the broker with: the customer id (CID), the
 * username and a fresh password for every connection attempt.
 *
 * <p>Implemented by trin.crypto, from the key and CID files a registration
 * wrote ({@link Registrar}).
 */
@ProviderType
public interface Credentials {

    /**
     * Whether the device has a key and a CID.
     *
     * @return {@code true} when both files can be read
     */
    boolean provisioned();

    /**
     * The customer id (PROFILE_ID) the device belongs to.
     *
     * @return the CID
     * @throws NotProvisionedException when the device is not provisioned; the
     *         message names the missing file and how to fix it
     */
    String cid() throws NotProvisionedException;

    /**
     * The MQTT username: the CID followed by the UID.
     *
     * @param uid the device's UID
     * @return the username
     * @throws NotProvisionedException when the device is not provisioned
     */
    String username(String uid) throws NotProvisionedException;

    /**
     * A new password, never returned before: the broker rejects a password it
     * has seen. Call it for every connection attempt. The caller should clear
     * the array when done with it.
     *
     * @return the password
     * @throws NotProvisionedException when the device is not provisioned
     */
    char[] password() throws NotProvisionedException;
}
