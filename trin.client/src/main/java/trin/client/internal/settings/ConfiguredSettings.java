package trin.client.internal.settings;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings as configured for component {@code trin.client}. A value that
 * is not valid is logged with its property's name and the default is used:
 * a typo in a configuration file must not keep the gateway off the air.
 */
public record ConfiguredSettings(Settings settings, Set<Setting> explicit) {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredSettings.class);

    public static ConfiguredSettings from(ClientConfiguration config, Map<String, ?> properties) {
        int port = config.port() != 0 ? config.port() : config.tls() ? 8883 : 1883;
        Settings settings = new Settings(defaultOf("host"), config.tls() ? 8883 : 1883, defaultOf("keepAlive"),
                defaultOf("defaultQos"), defaultOf("cleanSession"), defaultOf("pdrInterval"), defaultOf("useRtc"),
                List.of());
        Set<Setting> explicit = EnumSet.noneOf(Setting.class);
        settings = set(settings, Setting.HOST, "host", config.host(), properties, explicit);
        settings = set(settings, Setting.PORT, "port", port, properties, explicit);
        settings = set(settings, Setting.KEEP_ALIVE, "keepAlive", config.keepAlive(), properties, explicit);
        settings = set(settings, Setting.DEFAULT_QOS, "defaultQos", config.defaultQos(), properties, explicit);
        settings = set(settings, Setting.CLEAN_SESSION, "cleanSession", config.cleanSession(), properties, explicit);
        settings = set(settings, Setting.PDR_INTERVAL, "pdrInterval", config.pdrInterval(), properties, explicit);
        settings = set(settings, Setting.USE_RTC, "useRtc", config.useRtc(), properties, explicit);
        settings = set(settings, Setting.TRUSTED_SENDERS, "trustedSenders", String.join(",", config.trustedSenders()),
                properties, explicit);
        return new ConfiguredSettings(settings, explicit);
    }

    /** An attribute's default, as {@link ClientConfiguration} declares it: the one place defaults live. */
    @SuppressWarnings("unchecked")
    private static <T> T defaultOf(String attribute) {
        try {
            return (T) ClientConfiguration.class.getDeclaredMethod(attribute).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no attribute " + attribute + " in " + ClientConfiguration.PID, e);
        }
    }

    private static Settings set(Settings settings, Setting setting, String property, Object value,
            Map<String, ?> properties, Set<Setting> explicit) {
        try {
            Settings changed = settings.with(setting, String.valueOf(value));
            if (properties.containsKey(property)) {
                explicit.add(setting);
            }
            return changed;
        } catch (IllegalArgumentException e) {
            LOG.warn("Configuration {}: property {} = '{}' is not valid ({}); using {}", ClientConfiguration.PID,
                    property, value, e.getMessage(), settings.value(setting));
            return settings;
        }
    }
}
