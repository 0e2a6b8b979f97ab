package trin.client.internal.connection;

import java.time.Instant;
import java.util.Optional;

import trin.api.client.ConnectionState;

/**
 * What a broker connection's status tells: its state, the broker, the last
 * connect and disconnect and why. Written on the session thread, read by any.
 */
public final class ConnectionRecord {

    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile String broker = "";
    private volatile Instant lastConnect;
    private volatile Instant lastDisconnect;
    private volatile String lastDisconnectReason;
    private volatile Instant nextAttempt;

    public ConnectionState state() {
        return state;
    }

    boolean connected() {
        return state == ConnectionState.CONNECTED;
    }

    public String broker() {
        return broker;
    }

    public Optional<Instant> lastConnect() {
        return Optional.ofNullable(lastConnect);
    }

    public Optional<Instant> lastDisconnect() {
        return Optional.ofNullable(lastDisconnect);
    }

    public Optional<String> lastDisconnectReason() {
        return Optional.ofNullable(lastDisconnectReason);
    }

    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttempt);
    }

    /** The next attempt is due then; null when none waits. */
    void nextAttempt(Instant when) {
        nextAttempt = when;
    }

    void state(ConnectionState state) {
        this.state = state;
    }

    void broker(String broker) {
        this.broker = broker;
    }

    void connectedAt(Instant when) {
        lastConnect = when;
        nextAttempt = null;
        state = ConnectionState.CONNECTED;
    }

    void disconnectedAt(Instant when, String reason, boolean stopped) {
        lastDisconnect = when;
        lastDisconnectReason = reason;
        state = stopped ? ConnectionState.STOPPED : ConnectionState.CONNECTING;
    }
}
