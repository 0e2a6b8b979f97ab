package trin.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** What an {@link MqttProbe} received, in arrival order, and the waits for it. */
final class ProbeInbox implements MqttCallback {

    private final String name;
    private final List<MqttProbe.Received> received = new ArrayList<>();
    private int next;
    private Throwable connectionLost;

    ProbeInbox(String name) {
        this.name = name;
    }

    List<MqttProbe.Received> messages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    Throwable connectionLost() {
        synchronized (received) {
            return connectionLost;
        }
    }

    List<MqttProbe.Received> awaitMatching(Predicate<MqttProbe.Received> condition, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<MqttProbe.Received> matching = received.stream().filter(condition).limit(count).toList();
                if (matching.size() == count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Probe " + name + " expected " + count + " matching message(s) within "
                            + timeout + ", got " + matching.size() + "; received: " + received
                            + (connectionLost == null ? "" : "; connection lost: " + connectionLost));
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    Throwable awaitConnectionLost(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (connectionLost == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Probe " + name + " still connected after " + timeout);
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
            return connectionLost;
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        synchronized (received) {
            received.add(new MqttProbe.Received(next++, topic, message.getPayload(), message.getQos(),
                    message.isRetained()));
            received.notifyAll();
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        synchronized (received) {
            connectionLost = cause;
            received.notifyAll();
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // publish is synchronous
    }
}
