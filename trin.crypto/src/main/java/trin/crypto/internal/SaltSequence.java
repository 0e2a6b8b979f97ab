package trin.crypto.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salts that never repeat: the broker rejects a password it has seen, so two
 * passwords asked for within one second use the last salt + 1. The last salt
 * can be kept in a file, so that a new class loader (the bundle updated or
 * refreshed, as {@code upgrade_client} does) does not start over.
 */
final class SaltSequence {

    private static final Logger LOG = LoggerFactory.getLogger(SaltSequence.class);

    private final LongSupplier unixSeconds;
    private final AtomicLong last = new AtomicLong(-1);
    private volatile Path store;

    SaltSequence(LongSupplier unixSeconds) {
        this.unixSeconds = unixSeconds;
    }

    static SaltSequence systemClock() {
        return new SaltSequence(() -> System.currentTimeMillis() / 1000);
    }

    /** Keeps the last salt in a file from now on, and never goes below the one it holds. */
    void keepIn(Path file) {
        if (file == null) {
            return;
        }
        try {
            long stored = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
            last.accumulateAndGet(stored, Math::max);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("No last salt in {}: {}", file, e.toString());
        }
        store = file;
    }

    long next() {
        long now = unixSeconds.getAsLong();
        long salt = last.updateAndGet(previous -> Math.max(now, previous + 1));
        Path file = store;
        if (file != null) {
            try {
                Files.writeString(file, Long.toString(salt), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                LOG.debug("Could not keep the last salt in {}: {}", file, e.toString());
            }
        }
        return salt;
    }
}
