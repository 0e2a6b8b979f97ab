package trin.api.device;

/**
 * The device has no key or no CID yet: it must be registered first
 * ({@code trin:register}).
 */
public class NotProvisionedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing and how to fix it
     */
    public NotProvisionedException(String message) {
        super(message);
    }
}
