package trin.client.internal.commands;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import trin.client.internal.settings.Setting;
import trin.client.internal.settings.Settings;

/** What the built-in commands may do to the client. */
interface Control {

    Settings settings();

    /** Keeps a remotely changed setting and applies it (reconnecting when it needs to). */
    void change(Setting setting, String value);

    void publishSetting(Setting setting);

    void publishFullData();

    void publishSettings();

    void publishIpAddresses();

    void takeBreak(Duration pause);

    void rebootLater();

    void restartLater();

    /** Checks the new bundles and starts the upgrade: empty, or why it was refused. */
    Optional<String> upgradeLater();

    /** The status fields {@code get} may read: uid, cid, connected, version. */
    Map<String, Object> statusFields();

    /** How long reboot and restart wait, for their replies. */
    Duration actionDelay();
}
