package trin.api.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of the session's state and counters.
 *
 * @param state the connection state
 * @param broker the broker's address, as {@code tcp://host:port} or
 *        {@code ssl://host:port}
 * @param uid the device's UID, or empty before the identity is known
 * @param cid the customer id, or empty before the device is provisioned
 * @param local whether the client runs on a local development set-up (a local
 *        broker and a development key), not on the platform
 * @param lastConnect when the session last connected
 * @param lastDisconnect when the session last ended
 * @param lastDisconnectReason why it ended, for a person to read
 * @param counters the message counters since the component started
 * @param outboxDepth messages waiting to be sent
 */
public record ClientStatus(ConnectionState state, String broker, Optional<String> uid,
        Optional<String> cid, boolean local, Optional<Instant> lastConnect,
        Optional<Instant> lastDisconnect, Optional<String> lastDisconnectReason,
        Counters counters, int outboxDepth) {

    /** Checks that no field is {@code null}. */
    public ClientStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(lastConnect, "lastConnect");
        Objects.requireNonNull(lastDisconnect, "lastDisconnect");
        Objects.requireNonNull(lastDisconnectReason, "lastDisconnectReason");
        Objects.requireNonNull(counters, "counters");
    }

    /**
     * Whether the session is connected.
     *
     * @return {@code true} in state {@link ConnectionState#CONNECTED}
     */
    public boolean connected() {
        return state == ConnectionState.CONNECTED;
    }

    /**
     * Message counters.
     *
     * @param sent messages handed to the broker
     * @param received messages received
     * @param replies replies sent to commands
     * @param errors incoming messages answered with an error, or dropped as
     *        malformed
     * @param dropped outgoing messages dropped because the outbox was full
     * @param reconnects connections made after the first
     */
    public record Counters(long sent, long received, long replies, long errors, long dropped,
            long reconnects) {
    }
}
