package trin.client.internal;

/** What a broker connection tells its device session. Called on the session thread unless said otherwise. */
interface ConnectionListener {

    /** Connected and subscribed: publish the on-connect sequence. */
    void connected();

    /** The connection ended; the connection is being made again unless it was stopped. */
    void disconnected(String reason);

    /** A message arrived; called on Paho's thread, so it must hand the message over and return. */
    void arrived(String topic, byte[] payload, boolean retained);
}
