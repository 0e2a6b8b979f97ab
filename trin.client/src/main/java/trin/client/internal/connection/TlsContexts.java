package trin.client.internal.connection;

import java.io.IOException;
import java.io.InputStream;
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
        return DecoratedSockets.tls(context.getSocketFactory(), TlsContexts::limit);
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
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private static Socket limit(Socket socket) throws IOException {
        ((SSLSocket) socket).setEnabledProtocols(PROTOCOLS);
        return NoDelaySockets.noDelay(socket);
    }
}
