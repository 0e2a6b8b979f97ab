package trin.devbroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development identity in a key directory: a random key (0600) and the CID
 * {@value #LOCAL_CID}, made once and kept.
 *
 * @param cid the customer id, {@value #LOCAL_CID} when made here
 * @param key the raw key
 * @param created whether this call made it
 */
public record DevelopmentIdentity(String cid, byte[] key, boolean created) {

    /** The CID of the development identity: all zeros, which no Smart customer has. */
    public static final String LOCAL_CID = "00000000";

    private static final int KEY_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentIdentity.class);

    /**
     * Reads the identity in {@code dir}, or makes one there (the directory 0700, the key 0600).
     *
     * @throws IOException when it can be neither read nor written
     */
    public static DevelopmentIdentity provision(Path dir) throws IOException {
        Path keyFile = dir.resolve(KeyDirs.KEY_FILE);
        Path cidFile = dir.resolve(KeyDirs.CID_FILE);
        if (Files.isRegularFile(keyFile) && Files.isRegularFile(cidFile)) {
            String cid = Files.readString(cidFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            byte[] key = Files.readAllBytes(keyFile);
            if (!cid.isEmpty() && key.length > 0) {
                LOG.info("LOCAL development identity: customer (CID) {}, key in {}", cid, dir);
                return new DevelopmentIdentity(cid, key, false);
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
                + "It is known to the LOCAL development broker only, not to the Smart platform", LOCAL_CID, dir);
        return new DevelopmentIdentity(LOCAL_CID, key, true);
    }
}
