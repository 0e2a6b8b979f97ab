package trin.api.client;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What an operator on the gateway itself may see and do beyond
 * {@link SmartClient}: the messages that went in and out lately, and the two
 * actions a local console offers.
 *
 * <p>Implemented by trin.client, registered beside {@link SmartClient}; used by
 * local tools such as the web console. Nothing here reaches the network but
 * what the session would send anyway.
 */
@ProviderType
public interface ClientOperations {

    /** How many messages {@link #recentMessages()} keeps at most. */
    int RECENT_CAPACITY = 100;

    /**
     * The last messages received and handed to the broker, newest first, at
     * most {@link #RECENT_CAPACITY}. Payloads are as they were on the wire,
     * shortened; no message carries a secret (the connection's password is
     * not a message).
     *
     * @return a snapshot, possibly empty, never {@code null}
     */
    List<MessageRecord> recentMessages();

    /**
     * Publishes the full health report now, as on connect; does nothing while
     * the session is not connected.
     *
     * @return whether a report was queued
     */
    boolean publishFullReport();

    /**
     * Ends the session and starts a new one, with a fresh password, as the
     * platform's {@code restart_client} does (without its delay).
     */
    void restartSession();
}
