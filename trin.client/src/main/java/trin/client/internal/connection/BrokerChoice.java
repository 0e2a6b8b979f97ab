package trin.client.internal.connection;

import java.util.List;

import trin.client.internal.settings.Brokers;
import trin.client.internal.settings.Settings;

/**
 * Which broker the next attempt goes to, when {@code host} lists several: the
 * session stays with a broker that works and moves on to the next, round the
 * list, only when an attempt fails or the connection is lost; it starts from
 * the first again with a new session or a new host setting. Session thread only.
 */
final class BrokerChoice {

    private int index;

    /** The broker of the next attempt, as a URI. */
    String current(ConnectionOptions options, Settings settings) {
        List<Brokers.Address> brokers = Brokers.parse(settings.host(), settings.port());
        return (options.tls() ? "ssl://" : "tcp://") + brokers.get(Math.floorMod(index, brokers.size())).authority();
    }

    /**
     * Moves on, after a failure.
     *
     * @return the next attempt's broker, or null when there is only one
     */
    String next(ConnectionOptions options, Settings settings) {
        if (Brokers.parse(settings.host(), settings.port()).size() < 2) {
            return null;
        }
        index++;
        return current(options, settings);
    }

    /** Back to the first broker. */
    void reset() {
        index = 0;
    }
}
