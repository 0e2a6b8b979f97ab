package trin.apptest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The platform's MQTT client: logged in as an operator, subscribed to the customer's topics, it
 * records every message in arrival order and waits for the ones a test asks for.
 *
 * <p>Threads: Paho's callback thread appends to {@link #messages}; test threads read and wait. Both
 * hold the monitor of {@code messages}, which the callback notifies.
 */
final class Probe implements AutoCloseable {

    private final MqttClient client;
    private final String prefix;
    private final List<Message> messages = new ArrayList<>();

    private Probe(MqttClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /**
     * Connects and subscribes to {@code filter}. Moquette 0.17 now and then drops a connection whose
     * SUBSCRIBE it reads before it has marked the connection connected: tried up to three times.
     *
     * @param prefix what readable failures leave out of the topics, {@code CID/UID/}
     */
    static Probe connect(String uri, String username, String password, String filter, String prefix)
            throws MqttException {
        for (int attempt = 1; ; attempt++) {
            MqttClient client = new MqttClient(uri, "platform-" + System.nanoTime(), new MemoryPersistence());
            Probe probe = new Probe(client, prefix);
            client.setCallback(probe.callback());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(username);
            options.setPassword(password.toCharArray());
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            try {
                client.connect(options);
                client.subscribe(filter, 1);
                return probe;
            } catch (MqttException e) {
                probe.close();
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (messages) {
                    messages.add(new Message(messages.size(), topic, new String(message.getPayload(), UTF_8)));
                    messages.notifyAll();
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // the waits then time out and show the messages seen so far
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // nothing to do
            }
        };
    }

    void publish(String topic, String payload) {
        try {
            client.publish(topic, payload.getBytes(UTF_8), 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException("could not publish on " + topic + ": " + e, e);
        }
    }

    List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** The index the next message will have. */
    int next() {
        synchronized (messages) {
            return messages.size();
        }
    }

    /**
     * Waits for the first message from index {@code from} on that {@code mapper} turns into a value.
     *
     * @param what what is awaited, for the failure: "no <what> within 5 s; last messages seen: ..."
     */
    <T> T await(int from, Function<Message, Optional<T>> mapper, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int looked = from;
        synchronized (messages) {
            while (true) {
                for (; looked < messages.size(); looked++) {
                    Optional<T> value = mapper.apply(messages.get(looked));
                    if (value.isPresent()) {
                        return value.get();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + seconds(timeout) + "; " + lastSeen());
                }
                try {
                    messages.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    /** As {@link #await(int, Function, Duration, String)}, for a message that matches. */
    Message awaitMessage(int from, Predicate<Message> condition, Duration timeout, String what) {
        return this.<Message>await(from, m -> condition.test(m) ? Optional.of(m) : Optional.empty(), timeout, what);
    }

    /** The last ten messages, topics without {@code CID/UID/}: what a failure shows. */
    String lastSeen() {
        List<Message> all = messages();
        if (all.isEmpty()) {
            return "no messages seen";
        }
        StringBuilder text = new StringBuilder("last messages seen (of " + all.size() + "):");
        for (Message m : all.subList(Math.max(0, all.size() - 10), all.size())) {
            String topic = m.topic().startsWith(prefix) ? m.topic().substring(prefix.length()) : m.topic();
            String payload = m.text().length() > 300 ? m.text().substring(0, 300) + "..." : m.text();
            text.append("\n  ").append(topic).append(' ').append(payload);
        }
        return text.toString();
    }

    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
