package trin.client.internal.status;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import trin.api.client.ClientOperations;
import trin.api.client.ClientStatus;

/** The session's message counters and its recent messages, shared by the session, the router and the status. */
public final class Counters {

    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong received = new AtomicLong();
    /** Received messages the router is done with, answered or not: received minus processed are queued. */
    public final AtomicLong processed = new AtomicLong();
    public final AtomicLong replies = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    public final AtomicLong reconnects = new AtomicLong();
    public final RecentMessages recent = new RecentMessages(ClientOperations.RECENT_CAPACITY, Clock.systemUTC());

    public ClientStatus.Counters snapshot(long dropped) {
        return new Status.CounterValues(sent.get(), received.get(), processed.get(), replies.get(), errors.get(),
                dropped, reconnects.get());
    }
}
