package trin.client.internal.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import trin.api.client.ClientStatus;
import trin.api.client.ConnectionState;

/** The client's {@link ClientStatus}: a snapshot. */
public record Status(ConnectionState state, String broker, Optional<String> uid, Optional<String> cid, boolean local,
        Optional<Instant> lastConnect, Optional<Instant> lastDisconnect, Optional<String> lastDisconnectReason,
        Optional<Instant> nextAttempt, ClientStatus.Counters counters, int outboxDepth) implements ClientStatus {

    public Status {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(lastConnect, "lastConnect");
        Objects.requireNonNull(lastDisconnect, "lastDisconnect");
        Objects.requireNonNull(lastDisconnectReason, "lastDisconnectReason");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        Objects.requireNonNull(counters, "counters");
    }

    /** The counters' snapshot. */
    record CounterValues(long sent, long received, long processed, long replies, long errors, long dropped,
            long reconnects)
            implements ClientStatus.Counters {
    }
}
