package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Authorization} headers whose password was verified in the last
 * {@link #REMEMBER}: the slow hash is paid once per login, not on each
 * request of a page that asks every few seconds. Kept as an HMAC under a
 * key made at random for this instance, never as the header itself; at most
 * {@value #MAX} of them, the oldest forgotten first.
 */
final class VerifiedCredentials {

    static final Duration REMEMBER = Duration.ofMinutes(10);
    static final int MAX = 8;
    private static final String MAC = "HmacSHA256";

    private final Clock clock;
    private final SecretKeySpec key;
    // guarded by this; in the order remembered
    private final Map<String, Instant> expiries = new LinkedHashMap<>();

    VerifiedCredentials(Clock clock, SecureRandom random) {
        this.clock = clock;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, MAC);
    }

    synchronized boolean contains(String header) {
        String tag = tag(header);
        Instant expiry = expiries.get(tag);
        if (expiry == null) {
            return false;
        }
        if (!clock.instant().isBefore(expiry)) {
            expiries.remove(tag);
            return false;
        }
        return true;
    }

    synchronized void remember(String header) {
        String tag = tag(header);
        expiries.remove(tag);
        expiries.put(tag, clock.instant().plus(REMEMBER));
        Iterator<String> oldest = expiries.keySet().iterator();
        while (expiries.size() > MAX) {
            oldest.next();
            oldest.remove();
        }
    }

    private String tag(String header) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(header.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is part of every Java runtime", e);
        }
    }
}
