package trin.client.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket of one connection attempt. Paho opens it through {@link #factory()};
 * the session keeps it to tell how far a stalled attempt got (TCP, TLS) and to
 * close it when the attempt is abandoned, which unblocks whichever Paho thread
 * waits on it.
 */
final class AttemptSockets {

    private final SocketFactory delegate;
    private final SocketFactory factory;
    private volatile Socket socket;
    private volatile boolean handshakeDone;

    /** @param delegate makes the sockets: {@link NoDelaySockets}, or a TLS factory (an {@link SSLSocketFactory}) */
    AttemptSockets(SocketFactory delegate) {
        this.delegate = delegate;
        this.factory = delegate instanceof SSLSocketFactory tls ? new Tls(tls) : new Plain();
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

    private final class Plain extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            return keep(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return keep(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return keep(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return keep(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return keep(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory tls;

        Tls(SSLSocketFactory tls) {
            this.tls = tls;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return keep(tls.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return keep(tls.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return keep(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return keep(tls.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return keep(tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return keep(tls.createSocket(address, port, localAddress, localPort));
        }
    }
}
