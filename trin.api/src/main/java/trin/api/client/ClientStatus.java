package trin.api.client;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A snapshot of the session's state and counters, as {@link SmartClient#status()}
 * returns it. The client implements this interface and may add methods in a
 * minor version; applications only read it.
 */
@ProviderType
public interface ClientStatus {

    /**
     * The connection state.
     *
     * @return the state
     */
    ConnectionState state();

    /**
     * The broker's address.
     *
     * @return {@code tcp://host:port} or {@code ssl://host:port}; empty before the first attempt
     */
    String broker();

    /**
     * The device's UID.
     *
     * @return the UID, or empty before the identity is known
     */
    Optional<String> uid();

    /**
     * The customer id.
     *
     * @return the CID, or empty before the device is provisioned
     */
    Optional<String> cid();

    /**
     * Whether the client runs on a local development set-up (a local broker and
     * a development key), not on the platform.
     *
     * @return {@code true} on the LOCAL set-up
     */
    boolean local();

    /**
     * When the session last connected.
     *
     * @return the time, or empty if it never did
     */
    Optional<Instant> lastConnect();

    /**
     * When the session last ended.
     *
     * @return the time, or empty if it never did
     */
    Optional<Instant> lastDisconnect();

    /**
     * Why the session last ended, for a person to read.
     *
     * @return the reason, or empty if it never ended
     */
    Optional<String> lastDisconnectReason();

    /**
     * When the next connection attempt is due, while the session waits for it
     * (after a failed attempt, a lost connection or a pause).
     *
     * @return the time, or empty when connected, connecting or stopped
     */
    Optional<Instant> nextAttempt();

    /**
     * The message counters since the component started.
     *
     * @return the counters
     */
    Counters counters();

    /**
     * Messages waiting to be sent.
     *
     * @return the outbox's depth
     */
    int outboxDepth();

    /**
     * Whether the session is connected.
     *
     * @return {@code true} in state {@link ConnectionState#CONNECTED}
     */
    default boolean connected() {
        return state() == ConnectionState.CONNECTED;
    }

    /**
     * Message counters. The client implements this interface and may add
     * methods in a minor version; applications only read it.
     */
    @ProviderType
    interface Counters {

        /**
         * @return messages handed to the broker
         */
        long sent();

        /**
         * @return messages received
         */
        long received();

        /**
         * @return received messages fully handled (answered, ignored or refused);
         *         {@code received - processed} wait for a command worker
         */
        long processed();

        /**
         * @return replies sent to commands
         */
        long replies();

        /**
         * @return incoming messages answered with an error, or dropped as malformed
         */
        long errors();

        /**
         * @return outgoing messages dropped because the outbox was full
         */
        long dropped();

        /**
         * @return connections made after the first
         */
        long reconnects();
    }
}
