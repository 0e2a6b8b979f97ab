package trin.client.internal.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The settings the platform may change remotely, each with its name in the
 * protocol, its key in the Python client's ini file, and the rules for its
 * text form: parsing as the Python client's configparser does, formatting as
 * it writes.
 */
public enum Setting {
    HOST("host", "host", Kind.HOST, 0, 0),
    PORT("port", "port", Kind.INT, 1, 65535),
    KEEP_ALIVE("keep_alive", "keepalive", Kind.INT, 0, 65535),
    DEFAULT_QOS("default_qos", "defaultqos", Kind.INT, 0, 2),
    CLEAN_SESSION("clean_session", "cleansession", Kind.BOOL, 0, 0),
    PDR_INTERVAL("pdr_interval", "pdrinterval", Kind.INT, 0, Integer.MAX_VALUE),
    USE_RTC("use_rtc", "usertc", Kind.BOOL, 0, 0),
    TRUSTED_SENDERS("trusted_senders", "trustedsenders", Kind.LIST, 0, 0);

    private enum Kind { HOST, INT, BOOL, LIST }

    /** What a broker connection is made with: a change needs a new connection. */
    public static final Set<Setting> CONNECTION = Collections.unmodifiableSet(
            EnumSet.of(HOST, PORT, KEEP_ALIVE, DEFAULT_QOS, CLEAN_SESSION));

    /**
     * Where the broker is and how it is kept alive: a remote change of these
     * can lose the device, so it is rolled back to the last values that
     * connected when no connection follows.
     */
    public static final Set<Setting> REACHABILITY = Collections.unmodifiableSet(EnumSet.of(HOST, PORT, KEEP_ALIVE));

    private final String protocolName;
    private final String iniKey;
    private final Kind kind;
    private final int min;
    private final int max;

    Setting(String protocolName, String iniKey, Kind kind, int min, int max) {
        this.protocolName = protocolName;
        this.iniKey = iniKey;
        this.kind = kind;
        this.min = min;
        this.max = max;
    }

    /** The name the platform uses: in {@code get}, {@code data_write} and the published settings. */
    public String protocolName() {
        return protocolName;
    }

    /** The key in the Python client's ini file, so a migrated device keeps its settings. */
    public String iniKey() {
        return iniKey;
    }

    /** The setting the platform calls {@code protocolName}, if there is one. */
    public static Optional<Setting> byName(String protocolName) {
        for (Setting setting : values()) {
            if (setting.protocolName.equals(protocolName)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** The setting an ini file calls {@code key}, ignoring case as configparser does. */
    static Optional<Setting> byIniKey(String key) {
        for (Setting setting : values()) {
            if (setting.iniKey.equalsIgnoreCase(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses and checks a text value, as it comes from a command or the ini file.
     *
     * @return a String (host), Integer, Boolean, or an unmodifiable List of String (trusted senders)
     * @throws IllegalArgumentException naming the setting, when the value is not valid for it
     */
    public Object parse(String text) {
        if (text == null) {
            throw invalid("no value");
        }
        String value = text.strip();
        return switch (kind) {
            case INT -> check(parseInt(value));
            case BOOL -> parseBoolean(value);
            case LIST -> parseList(value);
            case HOST -> check(value);
        };
    }

    private int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid("'" + value + "' is not a whole number");
        }
    }

    private Boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw invalid("'" + value + "' is not a boolean (true/false, 1/0, yes/no, on/off)");
        };
    }

    private static List<String> parseList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return List.copyOf(items);
    }

    /**
     * Formats a value as the Python client writes it: booleans as {@code True}
     * and {@code False}, lists joined by commas without spaces.
     *
     * @param value as {@link #parse} returns it (a list may also be given as any collection)
     */
    public String format(Object value) {
        check(value);
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Collection<?> items) {
            return String.join(",", items.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    /** The text in the Python client's style for a text value: {@code format(parse(text))}. */
    public String normalize(String text) {
        return format(parse(text));
    }

    /** Checks a typed value; returns it. */
    Object check(Object value) {
        boolean valid = switch (kind) {
            case INT -> value instanceof Integer i && i >= min && i <= max;
            case BOOL -> value instanceof Boolean;
            case LIST -> value instanceof Collection<?> items && items.stream().allMatch(Setting::isSender);
            case HOST -> value instanceof String s && Brokers.isValid(s);
        };
        if (!valid) {
            throw invalid(switch (kind) {
                case INT -> value + (max == Integer.MAX_VALUE ? " is below " + min : " is not in " + min + ".." + max);
                case BOOL -> value + " is not a boolean";
                case LIST -> value + " is not a list of sender UIDs";
                case HOST -> "'" + value + "' is not a host name, nor a list of host[:port] separated by commas";
            });
        }
        return value;
    }

    private static boolean isSender(Object item) {
        return item instanceof String s && !s.isBlank() && !s.contains(",") && s.equals(s.strip());
    }

    private IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("Invalid " + protocolName + ": " + why);
    }
}
