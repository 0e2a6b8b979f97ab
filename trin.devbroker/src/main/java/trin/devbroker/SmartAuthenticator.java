package trin.devbroker;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.moquette.broker.security.IAuthenticator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides logins as the Smart platform does. Its state (devices, operators, accepted passwords,
 * attempts) outlives a broker restart, as the platform's would.
 */
final class SmartAuthenticator implements IAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(SmartAuthenticator.class);

    private record Device(String cid, String uid, byte[] key) {
    }

    private final Map<String, Device> devicesByUid = new ConcurrentHashMap<>();
    private final Map<String, byte[]> customerKeys = new ConcurrentHashMap<>();
    private final Map<String, byte[]> operators = new ConcurrentHashMap<>();
    private final Set<String> acceptedPasswords = ConcurrentHashMap.newKeySet();
    private final List<LoginAttempt> attempts = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final long windowSeconds;

    SmartAuthenticator(Clock clock, Duration saltWindow) {
        this.clock = clock;
        this.windowSeconds = saltWindow.toSeconds();
    }

    void register(String cid, String uid, byte[] key) {
        devicesByUid.put(uid, new Device(cid, uid, key.clone()));
    }

    /** Any device of {@code cid}: whatever client id (UID) it logs in with, it uses {@code key}. */
    void registerCustomer(String cid, byte[] key) {
        customerKeys.put(cid, key.clone());
    }

    void addUser(String username, String password) {
        operators.put(username, password.getBytes(UTF_8));
    }

    List<LoginAttempt> attempts() {
        return List.copyOf(attempts);
    }

    void clearAttempts() {
        attempts.clear();
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        LoginAttempt attempt = decide(clientId, username, password);
        attempts.add(attempt);
        LOG.info("Login of client id {} as {}: {} ({})", clientId, username,
                attempt.accepted() ? "accepted" : "rejected", attempt.reason());
        return attempt.accepted();
    }

    private LoginAttempt decide(String clientId, String username, byte[] password) {
        if (password == null) {
            // Moquette passes no password only when anonymous logins are allowed.
            return verdict(clientId, username, true, "anonymous");
        }
        byte[] operatorPassword = operators.get(username);
        if (operatorPassword != null) {
            boolean ok = MessageDigest.isEqual(operatorPassword, password);
            return verdict(clientId, username, ok, ok ? "operator" : "wrong operator password");
        }
        Device device = clientId == null ? null : devicesByUid.get(clientId);
        if (device == null && clientId != null) {
            device = customerDevice(clientId, username);
        }
        if (device == null) {
            return verdict(clientId, username, false, "unknown client id");
        }
        if (!(device.cid() + device.uid()).equals(username)) {
            return verdict(clientId, username, false, "wrong username");
        }
        String text = new String(password, UTF_8);
        OptionalLong salt = SmartPassword.salt(text);
        if (salt.isEmpty()) {
            return verdict(clientId, username, false, "malformed password");
        }
        if (!SmartPassword.matches(text, device.key())) {
            return verdict(clientId, username, false, "wrong key");
        }
        if (Math.abs(salt.getAsLong() - clock.instant().getEpochSecond()) > windowSeconds) {
            return verdict(clientId, username, false, "stale salt");
        }
        if (!acceptedPasswords.add(device.uid() + ' ' + text)) {
            return verdict(clientId, username, false, "replayed password");
        }
        return verdict(clientId, username, true, "device");
    }

    /** The device {@code clientId} of the customer its username names, if that customer was registered whole. */
    private Device customerDevice(String clientId, String username) {
        if (username == null || clientId.isEmpty() || !username.endsWith(clientId)) {
            return null;
        }
        String cid = username.substring(0, username.length() - clientId.length());
        byte[] key = customerKeys.get(cid);
        return key == null ? null : new Device(cid, clientId, key);
    }

    private static LoginAttempt verdict(String clientId, String username, boolean accepted, String reason) {
        return new LoginAttempt(clientId, username, accepted, reason);
    }
}
