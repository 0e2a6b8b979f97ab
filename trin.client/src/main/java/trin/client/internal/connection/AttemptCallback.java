package trin.client.internal.connection;

import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import trin.client.internal.status.Counters;

/**
 * Paho's callbacks for one attempt's client, on Paho's callback thread:
 * messages go to the listener, which hands them over at once and
 * acknowledges them (Paho's own acknowledgements are off); a lost
 * connection goes to the connection, which ignores it if the attempt was
 * abandoned meanwhile.
 */
final class AttemptCallback implements MqttCallback {

    private final MqttAsyncClient client;
    private final Consumer<Throwable> lost;
    private final ConnectionListener listener;
    private final Counters counters;

    AttemptCallback(MqttAsyncClient client, Consumer<Throwable> lost, ConnectionListener listener,
            Counters counters) {
        this.client = client;
        this.lost = lost;
        this.listener = listener;
        this.counters = counters;
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.accept(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        counters.received.incrementAndGet();
        counters.recent.in(topic, message.getPayload());
        listener.arrived(topic, message, client);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Deliveries are tracked by each publish's own listener.
    }
}
