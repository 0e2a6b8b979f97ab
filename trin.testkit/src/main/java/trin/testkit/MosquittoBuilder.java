package trin.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Options of a {@link Mosquitto}: {@code Mosquitto.builder()...start()}. */
public final class MosquittoBuilder {

    int port;
    int tlsPort;
    MosquittoConfig.Tls tls;
    Duration startTimeout = Duration.ofSeconds(10);
    final StringBuilder extraConfig = new StringBuilder();

    MosquittoBuilder() {
    }

    /** The plain MQTT port; 0 (the default) picks a free one. */
    public MosquittoBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Adds a TLS listener with these PEM files, e.g. from {@link TestCertificates}. */
    public MosquittoBuilder tls(Path cafile, Path certfile, Path keyfile) {
        this.tls = new MosquittoConfig.Tls(Objects.requireNonNull(cafile), Objects.requireNonNull(certfile),
                Objects.requireNonNull(keyfile));
        return this;
    }

    /** The TLS port; 0 (the default) picks a free one. */
    public MosquittoBuilder tlsPort(int port) {
        this.tlsPort = port;
        return this;
    }

    /**
     * One more line of mosquitto.conf, a global option such as {@code max_queued_messages 0} (no cap
     * on the messages queued for a slow client: by default mosquitto drops them past 1000).
     */
    public MosquittoBuilder option(String line) {
        if (line.contains("\n")) {
            throw new IllegalArgumentException("one line: " + line);
        }
        extraConfig.append(line).append('\n');
        return this;
    }

    /** How long a start may take before it fails; 10 s by default. */
    public MosquittoBuilder startTimeout(Duration timeout) {
        this.startTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** Builds and starts; a broker that fails to start is cleaned up. */
    public Mosquitto start() throws IOException, InterruptedException {
        Mosquitto mosquitto = new Mosquitto(this);
        try {
            return mosquitto.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            mosquitto.close();
            throw e;
        }
    }
}
