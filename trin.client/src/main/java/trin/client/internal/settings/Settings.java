package trin.client.internal.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the remotely changeable settings at one moment. Immutable: a
 * change makes a new copy, which the session swaps in whole.
 *
 * @param keepAlive MQTT keep-alive, in seconds
 * @param pdrInterval the periodic health report's interval, in seconds
 * @param trustedSenders UIDs, besides the server, whose commands are executed
 */
public record Settings(String host, int port, int keepAlive, int defaultQos, boolean cleanSession,
        int pdrInterval, boolean useRtc, List<String> trustedSenders) {

    /** Checks every value as {@link Setting#parse} would. */
    public Settings {
        Setting.HOST.check(host);
        Setting.PORT.check(port);
        Setting.KEEP_ALIVE.check(keepAlive);
        Setting.DEFAULT_QOS.check(defaultQos);
        Setting.PDR_INTERVAL.check(pdrInterval);
        Setting.TRUSTED_SENDERS.check(trustedSenders);
        trustedSenders = List.copyOf(trustedSenders);
    }

    /**
     * A copy with one setting changed from its text form, as a command or the
     * ini file gives it.
     *
     * @throws IllegalArgumentException naming the setting, when the text is not a valid value
     */
    @SuppressWarnings("unchecked")
    public Settings with(Setting setting, String text) {
        Object v = setting.parse(text);
        return switch (setting) {
            case HOST -> new Settings((String) v, port, keepAlive, defaultQos, cleanSession, pdrInterval, useRtc,
                    trustedSenders);
            case PORT -> new Settings(host, (Integer) v, keepAlive, defaultQos, cleanSession, pdrInterval, useRtc,
                    trustedSenders);
            case KEEP_ALIVE -> new Settings(host, port, (Integer) v, defaultQos, cleanSession, pdrInterval, useRtc,
                    trustedSenders);
            case DEFAULT_QOS -> new Settings(host, port, keepAlive, (Integer) v, cleanSession, pdrInterval, useRtc,
                    trustedSenders);
            case CLEAN_SESSION -> new Settings(host, port, keepAlive, defaultQos, (Boolean) v, pdrInterval, useRtc,
                    trustedSenders);
            case PDR_INTERVAL -> new Settings(host, port, keepAlive, defaultQos, cleanSession, (Integer) v, useRtc,
                    trustedSenders);
            case USE_RTC -> new Settings(host, port, keepAlive, defaultQos, cleanSession, pdrInterval, (Boolean) v,
                    trustedSenders);
            case TRUSTED_SENDERS -> new Settings(host, port, keepAlive, defaultQos, cleanSession, pdrInterval, useRtc,
                    (List<String>) v);
        };
    }

    /**
     * A copy with every given setting changed, such as the overrides loaded
     * from the ini file on top of the configured values.
     *
     * @throws IllegalArgumentException at the first invalid value
     */
    public Settings withAll(Map<Setting, String> texts) {
        Settings result = this;
        for (Map.Entry<Setting, String> e : texts.entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        return result;
    }

    /**
     * A setting's value as the protocol publishes it: a String, Integer or
     * Boolean, the trusted senders as one comma-joined String.
     */
    public Object value(Setting setting) {
        return switch (setting) {
            case HOST -> host;
            case PORT -> port;
            case KEEP_ALIVE -> keepAlive;
            case DEFAULT_QOS -> defaultQos;
            case CLEAN_SESSION -> cleanSession;
            case PDR_INTERVAL -> pdrInterval;
            case USE_RTC -> useRtc;
            case TRUSTED_SENDERS -> String.join(",", trustedSenders);
        };
    }

    /** A setting's value in the ini file's text form, for persisting a remote change. */
    public String text(Setting setting) {
        return setting == Setting.TRUSTED_SENDERS ? setting.format(trustedSenders) : setting.format(value(setting));
    }

    /** Every setting by its protocol name, in a fixed order, for the settings dump. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            map.put(setting.protocolName(), value(setting));
        }
        return Collections.unmodifiableMap(map);
    }
}
