package trin.devbroker;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/** How the development broker sets Moquette up: loopback only, in memory, nothing phoning home. */
final class MoquetteSettings {

    private MoquetteSettings() {
    }

    static Properties properties(String host, int port, int tlsPort, boolean tls, boolean allowAnonymous,
            boolean allowEmptyClientId) {
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", Boolean.toString(allowAnonymous));
        p.setProperty("allow_zero_byte_client_id", Boolean.toString(allowEmptyClientId));
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.epoll", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("websocket_port", "disabled");
        p.setProperty("buffer_flush_millis", "immediate");
        if (tls) {
            p.setProperty("ssl_port", Integer.toString(tlsPort));
        }
        return p;
    }

    static SslContext sslContext(Path keystore, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance(keystore.toFile(), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use keystore " + keystore, e);
        }
    }
}
