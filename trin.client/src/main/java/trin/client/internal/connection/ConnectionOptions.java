package trin.client.internal.connection;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Who connects to the broker, and how: read again for every attempt, so a
 * new configuration applies to the next one. Where the broker is comes from
 * the settings, which the platform may change.
 */
public record ConnectionOptions(String clientId, String username, String subscription, String willTopic,
        Supplier<byte[]> will, boolean tls, String caFile, Duration connectTimeout) {
}
