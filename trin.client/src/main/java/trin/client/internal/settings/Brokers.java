package trin.client.internal.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The brokers a {@code host} setting names: one host, or several
 * {@code host[:port]} separated by commas ({@code [v6-address]:port} for an
 * IPv6 literal with a port). An entry without a port takes the {@code port}
 * setting's.
 */
public final class Brokers {

    private Brokers() {
    }

    /** One broker: where to connect. */
    public record Address(String host, int port) {
        /** As in a URI after the scheme: {@code host:port}. */
        public String authority() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * The brokers, in the order given.
     *
     * @throws IllegalArgumentException naming the entry that is not a host or a port
     */
    public static List<Address> parse(String hosts, int defaultPort) {
        List<Address> brokers = new ArrayList<>();
        for (String entry : hosts.split(",", -1)) {
            brokers.add(address(entry.strip(), defaultPort));
        }
        return List.copyOf(brokers);
    }

    static boolean isValid(String hosts) {
        try {
            parse(hosts, 1883);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Address address(String entry, int defaultPort) {
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw bad(entry);
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(entry);
                }
                port = rest.substring(1);
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        if (host.isEmpty() || host.codePoints().anyMatch(Character::isWhitespace)) {
            throw bad(entry);
        }
        if (port == null) {
            return new Address(host, defaultPort);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw bad(entry);
            }
            return new Address(host, p);
        } catch (NumberFormatException e) {
            throw bad(entry);
        }
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException("'" + entry + "' is not a host or host:port");
    }
}
