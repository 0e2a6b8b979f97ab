package trin.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Smart password: base64(S || SHA-1(S || K)), S the salt (Unix seconds)
 * as a 4-byte little-endian unsigned integer, K the raw key.
 */
final class PasswordHash {

    static final long MAX_SALT = 0xFFFF_FFFFL;

    private PasswordHash() {
    }

    /**
     * @param key the raw key bytes, used whole
     * @param salt Unix seconds, 0 to 2^32 - 1
     * @return the 32-character password; the caller should clear it
     */
    static char[] compute(byte[] key, long salt) {
        if (salt < 0 || salt > MAX_SALT) {
            throw new IllegalArgumentException("salt out of the unsigned 32-bit range: " + salt);
        }
        byte[] s = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) salt).array();
        MessageDigest sha1 = sha1();
        sha1.update(s);
        sha1.update(key);
        byte[] raw = ByteBuffer.allocate(24).put(s).put(sha1.digest()).array();
        byte[] encoded = Base64.getEncoder().encode(raw);
        char[] password = new char[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            password[i] = (char) encoded[i];
        }
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(encoded, (byte) 0);
        return password;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1.
            throw new IllegalStateException(e);
        }
    }
}
