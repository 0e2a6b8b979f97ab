package trin.apptest;

/**
 * One event the gateway published for an application: an item {@code [ts, code, text]} of
 * {@code {"e":[ts, [...]]}} on {@code CID/UID/appId/>}.
 *
 * @param code the event code
 * @param text the event's description
 * @param message the message that carried it
 */
public record AppEvent(int code, String text, Message message) {
}
