package trin.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.testkit.KeyDirs;
import trin.testkit.SmartBroker;

/**
 * The LOCAL development broker: the test kit's Moquette broker, on 127.0.0.1,
 * checking Smart passwords as the platform does (fresh salt, no replays) for
 * every device of the development customer, and letting test tools such as
 * mosquitto_pub in without a login (and without a client id, as they connect). Started only for the LOCAL set-up, outside
 * the OSGi framework (Moquette is not a bundle).
 */
final class LocalBroker implements AutoCloseable {

    /** The CID of the development identity: all zeros, which no Smart customer has. */
    static final String LOCAL_CID = "00000000";

    private static final int KEY_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);

    private final SmartBroker broker;

    private LocalBroker(SmartBroker broker) {
        this.broker = broker;
    }

    /**
     * Provisions the development identity if it is missing, and starts the broker.
     *
     * @throws LauncherException when the port is taken or the key cannot be written
     */
    static LocalBroker start(Home home, int port) {
        checkFree(port);
        Identity identity = Identity.provision(home.localKeyDir());
        SmartBroker broker = SmartBroker.builder().port(port).allowAnonymous(true).allowEmptyClientId(true).build()
                .registerCustomer(identity.cid(), identity.key());
        try {
            broker.start();
        } catch (IllegalStateException e) {
            throw portTaken(port, e);
        }
        LOG.info("LOCAL development broker listening on 127.0.0.1:{} (not the Smart platform): it checks the Smart "
                + "passwords of customer {} and lets test tools in without a login", port, identity.cid());
        return new LocalBroker(broker);
    }

    @Override
    public void close() {
        broker.close();
        LOG.info("LOCAL development broker stopped");
    }

    /** Fails at once with a clear message, rather than after Moquette's retries. */
    private static void checkFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (BindException e) {
            throw portTaken(port, e);
        } catch (IOException e) {
            throw new LauncherException("Cannot open port " + port + " on 127.0.0.1 for the LOCAL development broker: "
                    + e.getMessage(), e);
        }
    }

    private static LauncherException portTaken(int port, Exception cause) {
        return new LauncherException("The LOCAL development broker cannot listen on 127.0.0.1:" + port
                + ": the port is taken, perhaps by a Mosquitto service (sudo systemctl stop mosquitto) or another "
                + "trin. Or choose another port: port=... in conf/trin.client.cfg.", cause);
    }

    /** The development identity in a key directory: a random key (0600) and the CID {@value LocalBroker#LOCAL_CID}. */
    record Identity(String cid, byte[] key, boolean created) {

        static Identity provision(Path dir) {
            Path keyFile = dir.resolve(KeyDirs.KEY_FILE);
            Path cidFile = dir.resolve(KeyDirs.CID_FILE);
            try {
                if (Files.isRegularFile(keyFile) && Files.isRegularFile(cidFile)) {
                    String cid = Files.readString(cidFile, StandardCharsets.UTF_8).lines().findFirst().orElse("")
                            .strip();
                    byte[] key = Files.readAllBytes(keyFile);
                    if (!cid.isEmpty() && key.length > 0) {
                        LOG.info("LOCAL development identity: customer (CID) {}, key in {}", cid, dir);
                        return new Identity(cid, key, false);
                    }
                }
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                KeyDirs.provision(dir, LOCAL_CID, key);
                LOG.info("LOCAL development identity created: customer (CID) {}, a new key in {} (mode 0600). "
                        + "It is known to the LOCAL development broker only, not to the Smart platform", LOCAL_CID,
                        dir);
                return new Identity(LOCAL_CID, key, true);
            } catch (IOException e) {
                throw new LauncherException("Cannot provision the LOCAL development key in " + dir + ": " + e, e);
            }
        }
    }
}
