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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's password, kept as its SHA-256 digest only: from a configured
 * hash, or from the password file, which is made with a random password at
 * the first start (owner-only from its creation, never a moment world-readable).
 */
final class Password {

    static final String PREFIX = "{sha-256}";
    private static final Logger LOG = LoggerFactory.getLogger(Password.class);
    private static final int RANDOM_BYTES = 18;

    private final byte[] digest;

    private Password(byte[] digest) {
        this.digest = digest;
    }

    /** From {@code {sha-256}<Base64 digest>}. */
    static Password ofHash(String hash) {
        String h = hash.strip();
        if (!h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("passwordHash is not " + PREFIX + "<Base64 of the SHA-256 digest>");
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(h.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("passwordHash: the digest is not Base64");
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("passwordHash: a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        return new Password(digest);
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
        return new Password(sha256(text));
    }

    boolean matches(String candidate) {
        return MessageDigest.isEqual(digest, sha256(candidate));
    }

    static String hashOf(String password) {
        return PREFIX + Base64.getEncoder().encodeToString(sha256(password));
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
                + "this user only). Read it there, or set passwordHash in conf/trin.console.cfg", file);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
