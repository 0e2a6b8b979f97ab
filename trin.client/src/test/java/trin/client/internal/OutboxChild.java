package trin.client.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import trin.api.client.Event;
import trin.testkit.Await;

/**
 * The gateway of {@link CrashFaultTest}'s kill -9 scenario, in a JVM of its own: a client whose broker
 * refuses connections queues {@code count} QoS 1 events on PID 7, says {@code QUEUED n} on stdout and
 * waits to be killed. Arguments: directory, port, count.
 */
public final class OutboxChild {

    private OutboxChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        ClientHarness gateway = new ClientHarness(Faults.unreachable(port), dir);
        gateway.startClient();
        for (int i = 0; i < count; i++) {
            gateway.client.publishEvents("7", List.of(new Event(0, i, "n")), 1);
        }
        Await.until("the events in the outbox", Duration.ofSeconds(60),
                () -> gateway.client.status().outboxDepth() >= count);
        System.out.println("QUEUED " + gateway.client.status().outboxDepth());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
