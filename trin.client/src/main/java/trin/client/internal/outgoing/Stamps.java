package trin.client.internal.outgoing;

import java.time.Clock;

/** The time stamp of outgoing messages: now, or 0 to let the platform stamp them ({@code useRtc} off). */
public final class Stamps {

    private final Clock clock;
    private volatile boolean useRtc;

    public Stamps(Clock clock) {
        this.clock = clock;
    }

    public void useRtc(boolean useRtc) {
        this.useRtc = useRtc;
    }

    public long now() {
        return useRtc ? clock.instant().getEpochSecond() : 0;
    }
}
