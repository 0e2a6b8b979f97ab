package trin.devbroker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The platform's side of Smart-MQTT passwords: {@code base64(S || SHA-1(S || K))}, where S is
 * the Unix time in whole seconds as a 4-byte little-endian unsigned integer and K the device key.
 *
 * <p>Written independently of trin.crypto on purpose, so that each checks the other.
 */
public final class SmartPassword {

    private static final int SALT_LENGTH = 4;
    private static final int DIGEST_LENGTH = 20;

    private SmartPassword() {
    }

    /** The password a device with {@code key} sends at {@code unixSeconds} (0 to 2^32-1). */
    public static String compute(byte[] key, long unixSeconds) {
        if (unixSeconds < 0 || unixSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("salt out of range: " + unixSeconds);
        }
        byte[] salt = ByteBuffer.allocate(SALT_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) unixSeconds).array();
        byte[] raw = ByteBuffer.allocate(SALT_LENGTH + DIGEST_LENGTH)
                .put(salt).put(digest(salt, key)).array();
        return Base64.getEncoder().encodeToString(raw);
    }

    /** The salt (Unix seconds) of a well-formed password, or empty if it is not one. */
    public static OptionalLong salt(String password) {
        byte[] raw = decode(password);
        if (raw == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Integer.toUnsignedLong(
                ByteBuffer.wrap(raw, 0, SALT_LENGTH).order(ByteOrder.LITTLE_ENDIAN).getInt()));
    }

    /** Whether {@code password} is well-formed and its digest matches {@code key}, whatever its salt. */
    public static boolean matches(String password, byte[] key) {
        byte[] raw = decode(password);
        if (raw == null) {
            return false;
        }
        byte[] salt = new byte[SALT_LENGTH];
        byte[] given = new byte[DIGEST_LENGTH];
        System.arraycopy(raw, 0, salt, 0, SALT_LENGTH);
        System.arraycopy(raw, SALT_LENGTH, given, 0, DIGEST_LENGTH);
        return MessageDigest.isEqual(given, digest(salt, key));
    }

    private static byte[] decode(String password) {
        try {
            byte[] raw = Base64.getDecoder().decode(password);
            return raw.length == SALT_LENGTH + DIGEST_LENGTH ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] digest(byte[] salt, byte[] key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(salt);
            sha1.update(key);
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
