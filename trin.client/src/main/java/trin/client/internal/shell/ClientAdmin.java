package trin.client.internal.shell;

import java.util.List;

import trin.api.client.ClientStatus;
import trin.client.internal.settings.SettingView;

/** What the shell commands may ask of the client beyond {@link trin.api.client.SmartClient}. Private to this bundle. */
public interface ClientAdmin {

    ClientStatus status();

    /** Every setting, in the protocol's order. */
    List<SettingView> settings();

    /** Forgets the remote changes; the configured settings hold again, and the session reconnects. */
    void resetSettings();

    /** Where the remote changes are kept. */
    String settingsFile();
}
