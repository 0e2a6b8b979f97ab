package trin.client.internal;

import java.time.Clock;

/** The time stamp of outgoing messages: now, or 0 to let the platform stamp them ({@code useRtc} off). */
final class Stamps {

    private final Clock clock;
    private volatile boolean useRtc;

    Stamps(Clock clock) {
        this.clock = clock;
    }

    void useRtc(boolean useRtc) {
        this.useRtc = useRtc;
    }

    long now() {
        return useRtc ? clock.instant().getEpochSecond() : 0;
    }
}
