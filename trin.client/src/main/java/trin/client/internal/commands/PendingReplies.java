package trin.client.internal.commands;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import trin.api.command.Reply;

/**
 * Commands this device sent to others, waiting for their replies. A reply is
 * matched by its token (the 7th topic level) and the device it came from; a
 * reply from a device that is not a trusted sender is still accepted for a
 * command we sent it, since we asked.
 */
public final class PendingReplies {

    private record Key(String uid, String token) {
    }

    private final Map<Key, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();
    private volatile Duration timeout;

    /** A new limit for the commands sent from now on ({@code replyTimeout} changed). */
    public void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    public PendingReplies(Duration timeout) {
        this.timeout = timeout;
    }

    /** A new token, and the future its reply completes. */
    public Map.Entry<String, CompletableFuture<Reply>> expect(String targetUid) {
        String token = UUID.randomUUID().toString().replace("-", "");
        Key key = new Key(targetUid, token);
        CompletableFuture<Reply> future = new CompletableFuture<>();
        waiting.put(key, future);
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> waiting.remove(key));
        return Map.entry(token, future);
    }

    boolean expects(String uid, Optional<String> token) {
        return token.isPresent() && waiting.containsKey(new Key(uid, token.get()));
    }

    boolean complete(String uid, Optional<String> token, Reply reply) {
        if (token.isEmpty()) {
            return false;
        }
        CompletableFuture<Reply> future = waiting.remove(new Key(uid, token.get()));
        return future != null && future.complete(reply);
    }

    public void cancelAll() {
        waiting.values().forEach(f -> f.cancel(false));
        waiting.clear();
    }
}
