package trin.api.device;

/**
 * The platform's answer to a successful registration.
 *
 * @param cid the customer id (PROFILE_ID) the device now belongs to
 * @param uid the device's UID
 * @param message the platform's message for the user, possibly empty
 */
public record Registration(String cid, String uid, String message) {

    /**
     * The text shown to the user, as the Python client printed it.
     *
     * @return the lines "Done.", the PROFILE_ID, the UID and the message
     */
    public String describe() {
        return "Done.\nYour PROFILE_ID is: " + cid + "\nYour UID(Device Unique ID) is: " + uid
                + "\n" + message;
    }
}
