package trin.api.client;

/** The state of the session with the broker. */
public enum ConnectionState {
    /** Not started, or stopped. */
    STOPPED,
    /** Trying to connect, or waiting before the next try. */
    CONNECTING,
    /** Connected and subscribed. */
    CONNECTED,
    /** Disconnected on purpose for a while ({@code take_a_break}). */
    PAUSED
}
