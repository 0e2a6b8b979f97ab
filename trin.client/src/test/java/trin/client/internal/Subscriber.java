package trin.client.internal;

import java.util.ArrayList;
import java.util.List;

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

    /** Keeps what the old probe got and subscribes afresh (after a broker restart). */
    synchronized void reconnect() throws Exception {
        earlier.addAll(probe.messages());
        probe.close();
        connect();
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
