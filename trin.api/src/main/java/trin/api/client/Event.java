package trin.api.client;

/**
 * One event of an {@code e} message.
 *
 * @param secondsSince how long ago it happened, in seconds: 0 for now, or
 *        negative
 * @param code the event code
 * @param description what happened, or {@code null}
 */
public record Event(long secondsSince, int code, String description) {

    /**
     * An event that happens now.
     *
     * @param code the event code
     * @param description what happened, or {@code null}
     * @return the event
     */
    public static Event now(int code, String description) {
        return new Event(0, code, description);
    }
}
