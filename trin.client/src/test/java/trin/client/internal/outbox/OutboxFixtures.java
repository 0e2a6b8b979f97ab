package trin.client.internal.outbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Set;

import trin.client.internal.outbox.Outbox.Entry;

/** Shorthands shared by the outbox tests. */
final class OutboxFixtures {

    private OutboxFixtures() {
    }

    static List<String> payloads(List<Entry> entries) {
        return entries.stream().map(e -> new String(e.payload(), UTF_8)).toList();
    }

    static List<String> payloads(Outbox outbox) {
        return payloads(outbox.pending(Integer.MAX_VALUE, Set.of()));
    }

    static Entry add(Outbox outbox, String payload) {
        return outbox.add("CID/UID/0/>/D", payload.getBytes(UTF_8), 1, false);
    }

    static Entry addPriority(Outbox outbox, String payload) {
        return outbox.add("CID/UID/0/>/E", payload.getBytes(UTF_8), 1, true);
    }
}
