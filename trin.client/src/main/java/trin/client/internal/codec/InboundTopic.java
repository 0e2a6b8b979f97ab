package trin.client.internal.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * The levels of an incoming topic {@code CID/UID/PID/</SENDER[/SENDER_PID[/TCKT]]}
 * of this device.
 *
 * @param pid the application the message is for (3rd level), never empty
 * @param sender the 5th level; empty when the topic has none (malformed, -20),
 *        {@code Optional.of("")} when the level is there but empty
 * @param senderPid the 6th level, when there is one
 * @param ticket the 7th level, the token a device-to-device reply answers;
 *        empty when the topic has fewer or more than 7 levels
 */
public record InboundTopic(String pid, Optional<String> sender, Optional<String> senderPid,
        Optional<String> ticket) {

    /** Checks that no field is null. */
    public InboundTopic {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderPid, "senderPid");
        Objects.requireNonNull(ticket, "ticket");
    }
}
