package trin.client.internal.connection;

/** The steps of one connection attempt, from socket to subscribed; each is bounded by {@code connectTimeout}. */
enum ConnectStep {
    TCP("the TCP connect"),
    TLS("the TLS handshake"),
    CONNACK("the broker's answer to CONNECT (CONNACK)"),
    SUBACK("the broker's answer to SUBSCRIBE (SUBACK)");

    private final String words;

    ConnectStep(String words) {
        this.words = words;
    }

    /** The step as an operator reads it in the log. */
    String words() {
        return words;
    }
}
