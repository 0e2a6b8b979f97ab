package trin.api.client;

/**
 * The event codes the client itself publishes on PID {@code 0}. Applications
 * choose their own codes.
 */
public final class EventCodes {

    /** The connection was lost (the last will), or the client stopped. */
    public static final int LAST_WILL = 101;

    /** The client connected. */
    public static final int CONNECTED = 102;

    /** A setting changed remotely led nowhere and was rolled back. */
    public static final int SETTING_ROLLED_BACK = 103;

    private EventCodes() {
    }
}
