package trin.itest;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.client.SmartClient;

/**
 * An application publishing numbered data, {@code {"n": i}} at QoS 1 on its PID, through the
 * {@link SmartClient} service, from a thread of its own, until closed: something to lose if the
 * session broke while bundles come and go.
 */
final class NumberedData implements AutoCloseable {

    static final String PID = "itest";

    private final SmartClient client;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;

    private NumberedData(SmartClient client) {
        this.client = client;
        this.thread = new Thread(this::run, "itest-numbered-data");
    }

    static NumberedData start(SmartClient client) {
        NumberedData data = new NumberedData(client);
        data.thread.start();
        return data;
    }

    private void run() {
        while (running.get()) {
            try {
                client.publishData(PID, Map.of("n", published.get()), 1);
                published.incrementAndGet();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failure.set(e);
                return;
            }
        }
    }

    /** Waits until {@code more} further numbers are published: what goes out before and after a change. */
    void awaitMore(int more) throws InterruptedException {
        int target = published.get() + more;
        long deadline = System.nanoTime() + Platform.WAIT.toNanos();
        while (published.get() < target && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        published();
        if (published.get() < target) {
            throw new AssertionError("published " + published.get() + ", not " + target + ", within " + Platform.WAIT);
        }
    }

    /** Stops publishing. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }

    /** How many were published; each number from 0 to this, exclusive. */
    int published() {
        if (failure.get() != null) {
            throw new AssertionError("publishing failed", failure.get());
        }
        return published.get();
    }

    /** Waits until every number published has reached the platform, and returns the numbers missing. */
    static Set<Integer> missing(Platform platform, int published) throws InterruptedException {
        Set<Integer> missing = new TreeSet<>();
        try {
            platform.awaitMessages(m -> Platform.isData(m, PID), published);
        } catch (AssertionError fewer) {
            // counted below
        }
        for (int i = 0; i < published; i++) {
            missing.add(i);
        }
        for (JsonNode data : platform.data(PID)) {
            missing.remove(data.path("n").asInt());
        }
        return missing;
    }
}
