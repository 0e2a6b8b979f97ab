package trin.devbroker;

/**
 * One CONNECT that reached {@link SmartBroker}'s authenticator.
 *
 * <p>{@code reason} is one of: accepted {@code "device"}, {@code "operator"}, {@code "anonymous"};
 * rejected {@code "unknown client id"}, {@code "wrong username"}, {@code "malformed password"},
 * {@code "wrong key"}, {@code "stale salt"}, {@code "replayed password"},
 * {@code "wrong operator password"}. A CONNECT without a username is decided by Moquette alone
 * (accepted only when anonymous logins are allowed) and is not recorded.
 */
public record LoginAttempt(String clientId, String username, boolean accepted, String reason) {
}
