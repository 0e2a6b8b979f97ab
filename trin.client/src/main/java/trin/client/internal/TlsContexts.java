package trin.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Socket factories for TLS connections to the broker. */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * A factory trusting the certificates of a PEM file, or the JVM's trust
     * store when none is given. The protocol versions are limited by the
     * session's connect options; the host name is checked by Paho's HTTPS
     * endpoint identification.
     */
    static SSLSocketFactory socketFactory(String caFile) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null || caFile.isBlank()) {
            tmf.init((KeyStore) null);
        } else {
            tmf.init(trustStore(Path.of(caFile)));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return new ModernTls(context.getSocketFactory());
    }

    private static KeyStore trustStore(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new IOException("No certificate in CA file " + pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    /**
     * Limits every socket to TLS 1.2 and 1.3, whatever the JVM's own defaults
     * allow, and sends without Nagle's delay (see {@link NoDelaySockets}).
     */
    static final class ModernTls extends SSLSocketFactory {

        static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

        private final SSLSocketFactory delegate;

        ModernTls(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket limit(Socket socket) throws IOException {
            ((SSLSocket) socket).setEnabledProtocols(PROTOCOLS);
            socket.setTcpNoDelay(true);
            return socket;
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
            return limit(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return limit(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return limit(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return limit(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return limit(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return limit(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
