package trin.client.internal.report;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The addresses of the machine's network interfaces that are up, loopback left out. */
public final class IpAddresses {

    private IpAddresses() {
    }

    public static Map<String, List<String>> collect() {
        Map<String, List<String>> result = new TreeMap<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    addresses.add(zone < 0 ? text : text.substring(0, zone));
                }
                if (!addresses.isEmpty()) {
                    result.put(nif.getName(), addresses);
                }
            }
        } catch (SocketException e) {
            // Reported as no addresses: the rest of the report still goes out.
        }
        return result;
    }
}
