package trin.client.internal;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import trin.api.client.ClientOperations;
import trin.api.client.ClientStatus;

/** The session's message counters and its recent messages, shared by the session, the router and the status. */
final class Counters {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    /** Received messages the router is done with, answered or not: received minus processed are queued. */
    final AtomicLong processed = new AtomicLong();
    final AtomicLong replies = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final RecentMessages recent = new RecentMessages(ClientOperations.RECENT_CAPACITY, Clock.systemUTC());

    ClientStatus.Counters snapshot(long dropped) {
        return new Status.CounterValues(sent.get(), received.get(), processed.get(), replies.get(), errors.get(),
                dropped, reconnects.get());
    }
}
