package trin.client.internal.connection;

import java.io.IOException;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;

/**
 * The socket of one connection attempt. Paho opens it through {@link #factory()};
 * the session keeps it to tell how far a stalled attempt got (TCP, TLS) and to
 * close it when the attempt is abandoned, which unblocks whichever Paho thread
 * waits on it.
 */
final class AttemptSockets {

    private final SocketFactory factory;
    private volatile Socket socket;
    private volatile boolean handshakeDone;

    /** @param delegate makes the sockets: {@link NoDelaySockets}, or a TLS factory (an {@link SSLSocketFactory}) */
    AttemptSockets(SocketFactory delegate) {
        this.factory = DecoratedSockets.of(delegate, this::keep);
    }

    /** The factory to give Paho: of the same kind (TLS or not) as the delegate. */
    SocketFactory factory() {
        return factory;
    }

    /** The step a connection attempt has reached that this socket can tell: TCP or TLS; empty past both. */
    ConnectStep step(boolean tls) {
        Socket s = socket;
        if (s == null || !s.isConnected()) {
            return ConnectStep.TCP;
        }
        if (tls && !handshakeDone) {
            return ConnectStep.TLS;
        }
        return ConnectStep.CONNACK;
    }

    /** Closes the socket, if one was opened; a thread blocked on it wakes with an exception. */
    void close() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed, or closing anyway
            }
        }
    }

    private Socket keep(Socket s) {
        if (s instanceof SSLSocket tls) {
            tls.addHandshakeCompletedListener(event -> handshakeDone = true);
        }
        socket = s;
        return s;
    }
}
