package trin.devbroker;

import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT broker (Moquette) on 127.0.0.1 that authenticates like the Smart platform.
 *
 * <p>A device registered with {@link #register} logs in with client id = UID, username = CID + UID
 * and a password {@code base64(S || SHA-1(S || K))} whose salt S is within the salt window of now
 * and which was never accepted before. Operators added with {@link #addUser} log in with a plain
 * password. Every attempt is recorded in {@link #logins()}. Nothing is persisted: a
 * {@link #stop()} and {@link #start()} is a broker restart that loses sessions and retained
 * messages, on the same port, while devices, operators and used passwords are kept.
 */
public final class SmartBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmartBroker.class);
    static final String HOST = "127.0.0.1";

    private final SmartAuthenticator authenticator;
    private final boolean allowAnonymous;
    private final boolean allowEmptyClientId;
    private final Path keystore;
    private final char[] keystorePassword;
    private final boolean portGiven;
    private final boolean tlsPortGiven;
    private boolean portsFixed;
    private int port;
    private int tlsPort;
    private Server server;
    private boolean closed;

    private SmartBroker(Builder builder) {
        this.authenticator = new SmartAuthenticator(builder.clock, builder.saltWindow);
        this.allowAnonymous = builder.allowAnonymous;
        this.allowEmptyClientId = builder.allowEmptyClientId;
        this.keystore = builder.keystore;
        this.keystorePassword = builder.keystorePassword;
        this.port = builder.port;
        this.tlsPort = builder.tlsPort;
        this.portGiven = builder.port != 0;
        this.tlsPortGiven = builder.tlsPort != 0;
    }

    /** A builder; {@code SmartBroker.builder().start()} gives a broker on a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /** Registers a device, as provisioning on the platform would. */
    public SmartBroker register(String cid, String uid, byte[] key) {
        authenticator.register(Objects.requireNonNull(cid), Objects.requireNonNull(uid), key);
        return this;
    }

    /**
     * Registers every device of a customer at once: a device logs in with any client id (its UID),
     * username = CID + that UID, and a password made with {@code key}. For a development set-up
     * whose UID comes from the machine it runs on.
     */
    public SmartBroker registerCustomer(String cid, byte[] key) {
        authenticator.registerCustomer(Objects.requireNonNull(cid), Objects.requireNonNull(key));
        return this;
    }

    /** Adds an operator login (a test client that plays the platform or a tool). */
    public SmartBroker addUser(String username, String password) {
        authenticator.addUser(Objects.requireNonNull(username), Objects.requireNonNull(password));
        return this;
    }

    /** Every login attempt seen by the authenticator so far, oldest first, restarts included. */
    public List<LoginAttempt> logins() {
        return authenticator.attempts();
    }

    /** Forgets the recorded attempts (not the used passwords). */
    public void clearLogins() {
        authenticator.clearAttempts();
    }

    /**
     * Starts the broker; the first start picks free ports where none were given, later starts
     * reuse them. Does nothing when it is running.
     *
     * @throws IllegalStateException when it cannot start (port taken, bad keystore) or is closed
     */
    public synchronized SmartBroker start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (server != null) {
            return this;
        }
        SslContext sslContext = keystore == null ? null : MoquetteSettings.sslContext(keystore, keystorePassword);
        for (int attempt = 1; ; attempt++) {
            if (!portsFixed) {
                // Moquette can bind port 0, but reads the bound port back racily: choose it here.
                port = portGiven ? port : FreePorts.pick();
                tlsPort = keystore == null || tlsPortGiven ? tlsPort : FreePorts.pick();
            }
            try {
                server = launch(sslContext);
                portsFixed = true;
                LOG.info("Smart broker listening on {}:{}{}", HOST, port, keystore == null ? "" : " and TLS " + tlsPort);
                return this;
            } catch (IllegalStateException e) {
                boolean portRace = !portsFixed && !(portGiven && tlsPortGiven) && causedByBind(e);
                if (!portRace || attempt == FreePorts.ATTEMPTS) {
                    throw e;
                }
                LOG.debug("A picked port was taken meanwhile, trying others", e);
            }
        }
    }

    private Server launch(SslContext sslContext) {
        Server candidate = new Server();
        try {
            ISslContextCreator ssl = () -> sslContext;
            candidate.startServer(new MemoryConfig(MoquetteSettings.properties(HOST, port, tlsPort, keystore != null,
                    allowAnonymous, allowEmptyClientId)), List.of(), ssl, authenticator,
                    new PermitAllAuthorizatorPolicy());
            return candidate;
        } catch (IOException | RuntimeException e) {
            stopQuietly(candidate);
            throw new IllegalStateException("Moquette did not start on " + HOST + ':' + port
                    + (keystore == null ? "" : " and " + tlsPort), e);
        }
    }

    /** Stops the broker, dropping every connection; {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (server != null) {
            Server running = server;
            server = null;
            running.stopServer();
            LOG.info("Smart broker on port {} stopped", port);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The plain MQTT port. */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("not started yet: the port is chosen at the first start");
        }
        return port;
    }

    /** The TLS port. */
    public synchronized int tlsPort() {
        if (keystore == null) {
            throw new IllegalStateException("no TLS listener: see Builder.tls");
        }
        if (tlsPort == 0) {
            throw new IllegalStateException("not started yet: the port is chosen at the first start");
        }
        return tlsPort;
    }

    /** {@code tcp://127.0.0.1:port}, for Paho. */
    public String uri() {
        return "tcp://" + HOST + ':' + port();
    }

    /** {@code ssl://localhost:tlsPort}, for Paho: the server certificate must name {@code localhost}. */
    public String tlsUri() {
        return "ssl://localhost:" + tlsPort();
    }

    @Override
    public synchronized void close() {
        stop();
        closed = true;
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.debug("Cleaning up a broker that failed to start", e);
        }
    }

    /** Options of a {@link SmartBroker}. */
    public static final class Builder {
        private int port;
        private int tlsPort;
        private boolean allowAnonymous;
        private boolean allowEmptyClientId;
        private Duration saltWindow = Duration.ofSeconds(300);
        private Clock clock = Clock.systemUTC();
        private Path keystore;
        private char[] keystorePassword;

        private Builder() {
        }

        /** The plain MQTT port; 0 (the default) picks a free one at the first start. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** Accept CONNECTs without credentials (the development set-up's mosquitto_pub). Off by default. */
        public Builder allowAnonymous(boolean allow) {
            this.allowAnonymous = allow;
            return this;
        }

        /**
         * Accept CONNECTs with an empty client id (the broker names the session), as mosquitto_pub
         * and mosquitto_sub send by default. Off by default.
         */
        public Builder allowEmptyClientId(boolean allow) {
            this.allowEmptyClientId = allow;
            return this;
        }

        /** How far a password's salt may be from now, either way; 300 s by default. */
        public Builder saltWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("negative window: " + window);
            }
            this.saltWindow = window;
            return this;
        }

        /** The clock the salt is checked against; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Adds a TLS listener with the key and certificate chain of a PKCS12 or JKS keystore
         * (store and key share {@code password}), such as the test kit's {@code TestCertificates.keystore()}.
         */
        public Builder tls(Path keystore, char[] password) {
            this.keystore = Objects.requireNonNull(keystore);
            this.keystorePassword = password.clone();
            return this;
        }

        /** The TLS port; 0 (the default) picks a free one at the first start. */
        public Builder tlsPort(int port) {
            this.tlsPort = checkPort(port);
            return this;
        }

        /** A broker that is not started yet. */
        public SmartBroker build() {
            return new SmartBroker(this);
        }

        /** Builds and starts. */
        public SmartBroker start() {
            return build().start();
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }
    }
}
