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

    /** {@code upgrade_client} replaced bundles, and the new client connected. */
    public static final int UPGRADED = 104;

    /**
     * {@code upgrade_client}'s new bundles failed to resolve, start or connect
     * in time, and the previous ones were put back.
     */
    public static final int UPGRADE_ROLLED_BACK = 105;

    private EventCodes() {
    }
}
