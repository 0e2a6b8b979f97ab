package trin.apptest;

/**
 * The reply to a command, {@code {"x":[ts, code, result]}} on {@code CID/UID/appId/>/token}.
 *
 * @param topic the topic it came on
 * @param payload the payload as sent, e.g. {@code {"x":[0,0,"abc"]}}
 * @param code the result code: 0 for success, -100 for an unknown command, the application's own codes
 *        outside -200..200
 * @param result the result as a Java value: a String, a Number, a Boolean, a List, a Map, or null
 */
public record CommandReply(String topic, String payload, int code, Object result) {
}
