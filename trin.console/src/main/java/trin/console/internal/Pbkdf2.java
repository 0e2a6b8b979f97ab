package trin.console.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash in the form {@code {pbkdf2-sha256}<iterations>$<salt>$<hash>}
 * (salt and hash in Base64): PBKDF2 with HMAC-SHA256 from the JDK, a random
 * salt of {@value #SALT_BYTES} bytes, a {@value #HASH_BYTES}-byte hash. Slow on
 * purpose: a leaked hash costs every guess {@code iterations} rounds.
 */
final class Pbkdf2 {

    static final String PREFIX = "{pbkdf2-sha256}";
    /** About half a second on a desktop core with trin's JVM flags, a few seconds on a Raspberry Pi. */
    static final int DEFAULT_ITERATIONS = 310_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private Pbkdf2(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** A new hash of {@code password} with a fresh random salt. */
    static Pbkdf2 of(char[] password, int iterations, SecureRandom random) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Pbkdf2(iterations, salt, derive(password, salt, iterations));
    }

    /** From its text form; the message of the exception says what is wrong, never the text itself. */
    static Pbkdf2 parse(String text) {
        String t = text.strip();
        if (!t.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("not " + PREFIX + "<iterations>$<salt>$<hash>");
        }
        String[] parts = t.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(PREFIX + " needs three parts: <iterations>$<salt>$<hash>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + ": the iterations are not a number");
        }
        checkIterations(iterations);
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[1]);
            hash = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + ": the salt or the hash is not Base64");
        }
        if (salt.length < 4 || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException(PREFIX + ": a salt of at least 4 bytes and a hash of " + HASH_BYTES
                    + " bytes are needed");
        }
        return new Pbkdf2(iterations, salt, hash);
    }

    /** In constant time, once the candidate is hashed. */
    boolean matches(char[] candidate) {
        return candidate.length > 0 && MessageDigest.isEqual(hash, derive(candidate, salt, iterations));
    }

    int iterations() {
        return iterations;
    }

    String format() {
        return PREFIX + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static void checkIterations(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(PREFIX + ": the iterations must be 1 to " + MAX_ITERATIONS);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return PREFIX + iterations + "$...";
    }
}
