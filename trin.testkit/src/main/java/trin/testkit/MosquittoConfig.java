package trin.testkit;

import java.nio.file.Path;

/** The configuration file of a {@link Mosquitto} run. */
final class MosquittoConfig {

    /** PEM files of a TLS listener. */
    record Tls(Path cafile, Path certfile, Path keyfile) {
    }

    private MosquittoConfig() {
    }

    /** Listeners on 127.0.0.1 only, anonymous logins, no persistence, an unbuffered log. */
    static String text(int port, int tlsPort, Tls tls) {
        return text(port, tlsPort, tls, "");
    }

    /** As {@link #text(int, int, Tls)}, with {@code extra} lines (global options) before the listeners. */
    static String text(int port, int tlsPort, Tls tls, String extra) {
        StringBuilder text = new StringBuilder()
                .append("per_listener_settings false\n")
                .append("allow_anonymous true\n")
                .append("persistence false\n")
                // Without it each reply waits for a delayed ACK: 40 ms a round trip in tests.
                .append("set_tcp_nodelay true\n")
                // stderr is unbuffered; stdout to a file would hold the log back until exit.
                .append("log_dest stderr\n")
                .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
                .append("log_type subscribe\nlog_type unsubscribe\n")
                .append("log_timestamp_format %Y-%m-%dT%H:%M:%S\n")
                .append("connection_messages true\n")
                // As root mosquitto would switch to the user "mosquitto", who cannot read our files.
                .append("user ").append(System.getProperty("user.name")).append('\n')
                .append(extra)
                .append("listener ").append(port).append(" 127.0.0.1\n");
        if (tls != null) {
            text.append("listener ").append(tlsPort).append(" 127.0.0.1\n")
                    .append("cafile ").append(tls.cafile().toAbsolutePath()).append('\n')
                    .append("certfile ").append(tls.certfile().toAbsolutePath()).append('\n')
                    .append("keyfile ").append(tls.keyfile().toAbsolutePath()).append('\n');
        }
        return text.toString();
    }
}
