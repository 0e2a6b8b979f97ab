package trin.client.internal.settings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effective settings: the configured ones, overridden by those changed
 * remotely, which are kept in the ini file and win until reset.
 */
public final class ClientSettings {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSettings.class);

    /** Where a setting's value comes from, for {@code trin:settings}. */
    enum Source {
        DEFAULT("default"), CONFIGURATION("configuration"), REMOTE("remote, in the settings file");

        final String label;

        Source(String label) {
            this.label = label;
        }
    }

    private Settings configured;
    private Set<Setting> explicit;
    private final SettingsStore store;
    private final Map<Setting, String> overrides = new EnumMap<>(Setting.class);
    private Settings current;

    /**
     * @param configured the settings from the component's configuration
     * @param explicit those set in the configuration rather than left at their default
     * @param store the ini file of remote changes
     */
    public ClientSettings(Settings configured, Set<Setting> explicit, SettingsStore store) {
        this.configured = configured;
        this.explicit = explicit;
        this.store = store;
        this.current = configured;
        for (Map.Entry<Setting, String> e : store.load().entrySet()) {
            try {
                current = current.with(e.getKey(), e.getValue());
                overrides.put(e.getKey(), e.getValue());
            } catch (IllegalArgumentException bad) {
                LOG.warn("Ignored {} in {}: {}", e.getKey().iniKey(), store.file(), bad.getMessage());
            }
        }
        if (!overrides.isEmpty()) {
            LOG.info("Settings changed remotely, from {}: {}", store.file(), overrides.keySet());
        }
    }

    /** A new configuration: the remote changes still win over it. */
    public synchronized Settings reconfigure(Settings configured, Set<Setting> explicit) {
        this.configured = configured;
        this.explicit = explicit;
        Settings next = configured;
        for (Map.Entry<Setting, String> e : overrides.entrySet()) {
            next = next.with(e.getKey(), e.getValue());
        }
        current = next;
        return current;
    }

    public synchronized Settings current() {
        return current;
    }

    /** Changes a setting remotely and keeps it; a bad value throws and changes nothing. */
    public synchronized Settings change(Setting setting, String value) {
        Settings changed = current.with(setting, value);
        Map<Setting, String> next = new EnumMap<>(overrides);
        next.put(setting, changed.text(setting));
        try {
            store.save(next);
        } catch (IOException e) {
            LOG.warn("Could not keep {} in {}: {}; it holds until the client restarts", setting.protocolName(),
                    store.file(), e.toString());
        }
        overrides.clear();
        overrides.putAll(next);
        current = changed;
        return current;
    }

    /** Forgets every remote change: the configuration holds again. */
    public synchronized Settings reset() {
        overrides.clear();
        try {
            store.clear();
        } catch (IOException e) {
            LOG.warn("Could not clear {}: {}", store.file(), e.toString());
        }
        current = configured;
        return current;
    }

    public synchronized List<SettingView> describe() {
        List<SettingView> rows = new ArrayList<>();
        for (Setting s : Setting.values()) {
            Source source = overrides.containsKey(s) ? Source.REMOTE
                    : explicit.contains(s) ? Source.CONFIGURATION : Source.DEFAULT;
            rows.add(new SettingView(s.protocolName(), current.value(s), source.label));
        }
        return rows;
    }
}
