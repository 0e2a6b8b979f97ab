package trin.devbroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks ports that are free right now on 127.0.0.1; a caller that then fails to bind one tries another.
 * Shared with the test kit's Mosquitto runner, which picks its ports the same way.
 */
public final class FreePorts {

    /** How often a start picks new ports when one was taken in between. */
    public static final int ATTEMPTS = 3;

    private FreePorts() {
    }

    /** A port free on 127.0.0.1 at the time of the call. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
