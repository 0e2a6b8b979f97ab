package trin.client.internal.connection;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** What a broker connection tells its device session. Called on the session thread unless said otherwise. */
public interface ConnectionListener {

    /** Connected and subscribed: publish the on-connect sequence. */
    void connected();

    /** The connection ended; the connection is being made again unless it was stopped. */
    void disconnected(String reason);

    /**
     * A message arrived on {@code client}; called on Paho's thread, so it must hand the message over and
     * return. Paho acknowledges nothing by itself: the listener does (the session's {@code IncomingFlow}).
     */
    void arrived(String topic, MqttMessage message, MqttAsyncClient client);
}
