package trin.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code conf/} points the runtime at: the LOCAL development set-up
 * (a broker on this machine that the launcher starts, and the development key
 * under {@code data/local-key}), or a real broker and key directory.
 *
 * <p>It is LOCAL only when both hold: {@code conf/trin.client.cfg} names a
 * broker on this machine ({@code localhost}, {@code 127.0.0.1}, {@code ::1},
 * or says {@code local=true}), and {@code conf/trin.crypto.cfg} names the
 * distribution's development key directory. Anything else is used as
 * configured, and no broker is started here.
 *
 * @param host the broker host of {@code conf/trin.client.cfg}
 * @param port its port (the default one when 0 is configured)
 * @param keyDir the key directory of {@code conf/trin.crypto.cfg}
 * @param hostLocal whether the broker is on this machine
 * @param keyLocal whether the key directory is the development one
 */
record Setup(String host, int port, Path keyDir, boolean hostLocal, boolean keyLocal) {

    static final String CLIENT_CFG = "trin.client.cfg";
    static final String CRYPTO_CFG = "trin.crypto.cfg";

    /** The defaults of trin.client and trin.crypto, for a configuration that leaves them out. */
    static final String DEFAULT_HOST = "mqtt.trintel.co.za";
    static final String DEFAULT_KEY_DIR = "/opt/trinity";

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    static Setup read(Home home) {
        try {
            ConfFile client = ConfFile.read(home.conf(CLIENT_CFG));
            ConfFile crypto = ConfFile.read(home.conf(CRYPTO_CFG));
            String host = client.get("host", DEFAULT_HOST);
            int port = client.getInt("port", 0);
            if (port == 0) {
                port = client.getBoolean("tls") ? 8883 : 1883;
            }
            // As trin.crypto takes it: a relative directory is relative to the working directory.
            Path keyDir = Path.of(crypto.get("keyDir", DEFAULT_KEY_DIR)).toAbsolutePath().normalize();
            boolean hostLocal = LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) || client.getBoolean("local");
            return new Setup(host, port, keyDir, hostLocal, keyDir.equals(home.localKeyDir()));
        } catch (IOException e) {
            throw new LauncherException("Cannot read the configuration in " + home.conf() + ": " + e, e);
        }
    }

    /** Whether the launcher starts the local development broker and provisions the development key. */
    boolean local() {
        return hostLocal && keyLocal;
    }
}
