package trin.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import trin.testkit.Await;
import trin.testkit.MqttProbe;

/**
 * The platform's side across broker restarts: a probe subscribed to everything of the customer,
 * replaced after each restart, with what every earlier probe received kept.
 */
final class Subscriber implements AutoCloseable {

    private final String uri;
    private final List<MqttProbe.Received> earlier = new ArrayList<>();
    private MqttProbe probe;

    Subscriber(String uri) throws Exception {
        this.uri = uri;
        connect();
    }

    /** A topic of the customer's that no device uses: {@link #awaitEverythingRouted} sends its markers there. */
    static final String MARKER_TOPIC = ClientHarness.CID + "/test-marker";

    /**
     * Keeps what the old probe got and subscribes afresh (after a broker restart). The old probe is
     * closed first: what its Paho client hands over while it notices the loss is kept too.
     */
    synchronized void reconnect() throws Exception {
        probe.close();
        earlier.addAll(probe.messages());
        connect();
    }

    /**
     * Publishes a marker through the broker to this subscriber and waits until it arrives. Mosquitto
     * sends a subscriber its messages in the order it routed them, and routes a QoS 1 message before it
     * acknowledges it: once the marker is here, so is every message the broker acknowledged before the
     * marker reached it, having been handed to this probe (not only to its Paho client's inbound queue,
     * which Paho throws away when the connection drops).
     */
    void awaitEverythingRouted(String marker, Duration timeout) throws Exception {
        probe().publish(MARKER_TOPIC, marker, 1, false);
        Await.until("the marker '" + marker + "' back from the broker", timeout, () -> messages().stream()
                .anyMatch(m -> m.topic().equals(MARKER_TOPIC) && m.text().equals(marker)));
    }

    private void connect() throws Exception {
        probe = MqttProbe.builder(uri).clientId("platform-" + System.nanoTime()).subscribe(ClientHarness.CID + "/#")
                .connect();
    }

    synchronized MqttProbe probe() {
        return probe;
    }

    /** Everything received so far, every probe's, in arrival order. */
    synchronized List<MqttProbe.Received> messages() {
        List<MqttProbe.Received> all = new ArrayList<>(earlier);
        all.addAll(probe.messages());
        return all;
    }

    @Override
    public synchronized void close() {
        probe.close();
    }
}
