package trin.client.internal;

import java.util.Map;

import trin.api.client.ClientStatus;

/** What the shell commands may ask of the client beyond {@link trin.api.client.SmartClient}. Private to this bundle. */
public interface ClientAdmin {

    ClientStatus status();

    /** Each setting's protocol name, with its effective value and where it comes from. */
    Map<String, Object[]> settings();

    /** Forgets the remote changes; the configured settings hold again, and the session reconnects. */
    void resetSettings();

    /** Where the remote changes are kept. */
    String settingsFile();
}
