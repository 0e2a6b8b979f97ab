package trin.client.internal;

import trin.client.internal.codec.Topics;

/** What callers of {@code SmartClient} must pass: PIDs and UIDs that are one topic level, a QoS of 0, 1 or 2. */
final class Arguments {

    private Arguments() {
    }

    static void checkPid(String pid) {
        if (!Topics.isValidLevel(pid)) {
            throw new IllegalArgumentException("not a PID: '" + pid + "' (non-empty, without / + #)");
        }
    }

    static void checkUid(String uid) {
        if (!Topics.isValidLevel(uid)) {
            throw new IllegalArgumentException("not a UID: " + uid);
        }
    }

    static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS is 0, 1 or 2, not " + qos);
        }
    }
}
