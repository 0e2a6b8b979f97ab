package trin.client.internal.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that hand every socket they make to a decorator first: to
 * set options (no Nagle, TLS versions) or to keep it (an attempt's socket).
 */
final class DecoratedSockets {

    /** What is done to each new socket. */
    @FunctionalInterface
    interface Decorator {
        Socket apply(Socket socket) throws IOException;
    }

    private DecoratedSockets() {
    }

    /** A factory of the same kind as {@code delegate}: an {@link SSLSocketFactory} for one, else a plain one. */
    static SocketFactory of(SocketFactory delegate, Decorator decorator) {
        return delegate instanceof SSLSocketFactory tls ? tls(tls, decorator) : new Plain(delegate, decorator);
    }

    static SSLSocketFactory tls(SSLSocketFactory delegate, Decorator decorator) {
        return new Tls(delegate, decorator);
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory delegate;
        private final Decorator decorator;

        Plain(SocketFactory delegate, Decorator decorator) {
            this.delegate = delegate;
            this.decorator = decorator;
        }

        @Override
        public Socket createSocket() throws IOException {
            return decorator.apply(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return decorator.apply(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return decorator.apply(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return decorator.apply(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return decorator.apply(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final Decorator decorator;

        Tls(SSLSocketFactory delegate, Decorator decorator) {
            this.delegate = delegate;
            this.decorator = decorator;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return decorator.apply(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return decorator.apply(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return decorator.apply(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return decorator.apply(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return decorator.apply(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return decorator.apply(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
