package trin.apptest;

/**
 * A message the platform received from the gateway, in arrival order.
 *
 * @param index its place in the order of arrival, from 0
 * @param topic the full topic, {@code CID/UID/pid/>...}
 * @param text the payload as UTF-8 text
 */
public record Message(int index, String topic, String text) {

    @Override
    public String toString() {
        return topic + " " + text;
    }
}
