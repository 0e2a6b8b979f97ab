package trin.client.internal;

import java.util.List;

import trin.api.client.ClientStatus;

/** What the shell commands may ask of the client beyond {@link trin.api.client.SmartClient}. Private to this bundle. */
public interface ClientAdmin {

    ClientStatus status();

    /** One setting as the shell shows it: its protocol name, its effective value and where that comes from. */
    record SettingView(String name, Object value, String source) {
    }

    /** Every setting, in the protocol's order. */
    List<SettingView> settings();

    /** Forgets the remote changes; the configured settings hold again, and the session reconnects. */
    void resetSettings();

    /** Where the remote changes are kept. */
    String settingsFile();
}
