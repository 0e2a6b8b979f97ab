package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's password, never kept as itself: from a configured hash, as
 * {@code {pbkdf2-sha256}} (see {@link Pbkdf2}) or the old unsalted
 * {@code {sha-256}} (still read, with advice to upgrade); or from the password
 * file, which is made with a random password at the first start (owner-only
 * from its creation, never a moment world-readable). The file's password is
 * 144 random bits, beyond any guessing, so it is kept as its SHA-256 digest.
 */
final class Password {

    static final String SHA256_PREFIX = "{sha-256}";
    private static final Logger LOG = LoggerFactory.getLogger(Password.class);
    private static final int RANDOM_BYTES = 18;

    private final Pbkdf2 pbkdf2;
    private final byte[] digest;
    private final String advice;

    private Password(Pbkdf2 pbkdf2, byte[] digest, String advice) {
        this.pbkdf2 = pbkdf2;
        this.digest = digest;
        this.advice = advice;
    }

    /** From {@code {pbkdf2-sha256}<iterations>$<salt>$<hash>} or the old {@code {sha-256}<Base64 digest>}. */
    static Password ofHash(String hash) {
        String h = hash.strip();
        if (h.regionMatches(true, 0, Pbkdf2.PREFIX, 0, Pbkdf2.PREFIX.length())) {
            try {
                return new Password(Pbkdf2.parse(h), null, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("passwordHash: " + e.getMessage());
            }
        }
        if (!h.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            throw new IllegalArgumentException("passwordHash is not " + Pbkdf2.PREFIX
                    + "<iterations>$<salt>$<hash>: make one with bin/trin console-password");
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(h.substring(SHA256_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("passwordHash: the digest is not Base64");
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("passwordHash: a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        return new Password(null, digest, "passwordHash of configuration " + ConsoleConfiguration.PID
                + " (conf/" + ConsoleConfiguration.PID + ".cfg) is an unsalted " + SHA256_PREFIX + " digest, quick "
                + "to guess from if the file leaks: replace it with the line that bin/trin console-password prints");
    }

    /** The password in {@code file}, made at random (and announced in the log, without it) if the file is missing. */
    static Password ofFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        String text = Files.readString(file, UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException(file + " is empty: delete it to have a new password made");
        }
        return new Password(null, sha256(text), null);
    }

    /** Whether {@code candidate} is the password; in constant time once hashed. */
    boolean matches(String candidate) {
        if (pbkdf2 != null) {
            return pbkdf2.matches(candidate.toCharArray());
        }
        return MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** What the operator should change, for a hash in the old form. */
    Optional<String> upgradeAdvice() {
        return Optional.ofNullable(advice);
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return; // made by another start at the same moment: its password holds
        }
        Files.writeString(file, password + "\n", UTF_8);
        LOG.info("The web console's user is trin; its password was made at random and written to {} (readable by "
                + "this user only). Read it there, or set passwordHash in conf/trin.console.cfg (bin/trin console-password)", file);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
