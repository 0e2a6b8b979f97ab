package trin.api.device;

/** A registration failed; the message says why, for a person to read. */
public class RegistrationException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why it failed
     */
    public RegistrationException(String message) {
        super(message);
    }

    /**
     * @param message why it failed
     * @param cause the underlying failure
     */
    public RegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
