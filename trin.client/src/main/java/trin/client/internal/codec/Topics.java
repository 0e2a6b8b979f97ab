package trin.client.internal.codec;

import java.util.Optional;

/**
 * Builds and reads the topics of one device. Every builder checks its levels
 * ({@link #isValidLevel(String)}) and throws {@link IllegalArgumentException}
 * for one that cannot be a level, so no value can add levels to a topic.
 * Immutable and thread-safe.
 */
public final class Topics {

    /** The MQTT limit of a topic's length, in UTF-8 bytes. */
    private static final int MAX_TOPIC_BYTES = 65_535;

    private final String cid;
    private final String uid;
    private final String prefix;

    /**
     * @param cid the account (CID)
     * @param uid this device (UID)
     * @throws IllegalArgumentException when either cannot be a topic level
     */
    public Topics(String cid, String uid) {
        this.cid = level(cid, "cid");
        this.uid = level(uid, "uid");
        this.prefix = cid + '/' + uid + '/';
        checked(subscription());
    }

    /** @return {@code CID/UID/+/</#}, the one subscription */
    public String subscription() {
        return prefix + "+/</#";
    }

    /**
     * @param pid the application sending
     * @return {@code CID/UID/PID/>}, for data and events
     */
    public String outbound(String pid) {
        return checked(prefix + level(pid, "pid") + "/>");
    }

    /**
     * @param pid the application replying
     * @param token the command's token
     * @return {@code CID/UID/PID/>/TCT}
     */
    public String reply(String pid, String token) {
        return checked(prefix + level(pid, "pid") + "/>/" + level(token, "token"));
    }

    /**
     * @param targetUid the device to send to
     * @param targetPid the application there
     * @param fromPid the application sending
     * @return {@code CID/TUID/TPID/</UID/PID}
     */
    public String toDevice(String targetUid, String targetPid, String fromPid) {
        return checked(cid + '/' + level(targetUid, "targetUid") + '/' + level(targetPid, "targetPid")
                + "/</" + uid + '/' + level(fromPid, "fromPid"));
    }

    /**
     * @param senderUid the device that sent the command
     * @param senderPid the application there that sent it
     * @param pid the application replying
     * @param token the command's token
     * @return {@code CID/SENDER/SENDER_PID/</UID/PID/TCT}
     */
    public String replyToDevice(String senderUid, String senderPid, String pid, String token) {
        return checked(cid + '/' + level(senderUid, "senderUid") + '/' + level(senderPid, "senderPid")
                + "/</" + uid + '/' + level(pid, "pid") + '/' + level(token, "token"));
    }

    /**
     * Whether a string can be one topic level: not empty, no {@code /},
     * {@code +}, {@code #} or NUL, well-formed UTF-16 (so it has a UTF-8 form),
     * and not longer than a whole topic may be.
     *
     * @param s the string, may be {@code null}
     * @return {@code true} when it can be a level
     */
    public static boolean isValidLevel(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return utf8Length(s) <= MAX_TOPIC_BYTES;
    }

    /**
     * Reads an incoming topic {@code CID/UID/PID/<[/SENDER[/SENDER_PID[/TCKT]]]}.
     * A topic with more than 7 levels keeps its sender and sender PID but has
     * no ticket (as the Python client read it).
     *
     * @param topic the topic a message arrived on
     * @return its levels, or empty when it is not an incoming topic of this
     *         device (another CID or UID, fewer than 4 levels, no {@code <} as
     *         the 4th, or an empty PID)
     */
    public Optional<InboundTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(prefix)) {
            return Optional.empty();
        }
        // read in place, level by level: no split, no copies but the levels themselves
        int length = topic.length();
        int pidEnd = topic.indexOf('/', prefix.length());
        if (pidEnd <= prefix.length() || pidEnd + 1 >= length || topic.charAt(pidEnd + 1) != '<') {
            return Optional.empty();
        }
        int at = pidEnd + 2;
        if (at < length && topic.charAt(at) != '/') {
            return Optional.empty();
        }
        String pid = topic.substring(prefix.length(), pidEnd);
        if (at == length) {
            return Optional.of(new InboundTopic(pid, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        int senderEnd = levelEnd(topic, at + 1);
        Optional<String> sender = Optional.of(topic.substring(at + 1, senderEnd));
        if (senderEnd == length) {
            return Optional.of(new InboundTopic(pid, sender, Optional.empty(), Optional.empty()));
        }
        int senderPidEnd = levelEnd(topic, senderEnd + 1);
        Optional<String> senderPid = Optional.of(topic.substring(senderEnd + 1, senderPidEnd));
        if (senderPidEnd == length) {
            return Optional.of(new InboundTopic(pid, sender, senderPid, Optional.empty()));
        }
        int ticketEnd = levelEnd(topic, senderPidEnd + 1);
        return Optional.of(new InboundTopic(pid, sender, senderPid,
                ticketEnd == length ? Optional.of(topic.substring(senderPidEnd + 1)) : Optional.empty()));
    }

    /** Where the level starting at {@code from} ends: at the next {@code /}, or the topic's end. */
    private static int levelEnd(String topic, int from) {
        int slash = topic.indexOf('/', from);
        return slash < 0 ? topic.length() : slash;
    }

    private static String level(String s, String what) {
        if (!isValidLevel(s)) {
            throw new IllegalArgumentException(what + " cannot be a topic level");
        }
        return s;
    }

    private static String checked(String topic) {
        if (topic.length() > MAX_TOPIC_BYTES / 3 && utf8Length(topic) > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic longer than " + MAX_TOPIC_BYTES + " bytes");
        }
        return topic;
    }

    /** The UTF-8 length of well-formed UTF-16 text. */
    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
