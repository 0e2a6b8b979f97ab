package trin.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ConnectionState;
import trin.api.client.Event;
import trin.api.client.EventCodes;
import trin.api.device.DeviceIdentity;
import trin.client.internal.settings.Setting;
import trin.client.internal.settings.Settings;
import trin.client.internal.upgrade.Upgrader;

/** What the built-in commands do to a device session: settings, reports, pauses, reboots, restarts, upgrades. */
final class BuiltinEffects implements Control {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinEffects.class);

    private final DeviceSession.Device device;
    private final DeviceSession.Parts parts;
    private final Supplier<ClientConfiguration> config;
    private final BrokerConnection connection;
    private final Outgoing outgoing;
    private final Reports reports;
    private final Rollback rollback;
    private final ScheduledExecutorService timer;
    private final Runnable applyMessageSettings;
    private final Instant since;

    BuiltinEffects(DeviceSession.Device device, DeviceSession.Parts parts, Supplier<ClientConfiguration> config,
            BrokerConnection connection, Outgoing outgoing, Reports reports, Rollback rollback,
            ScheduledExecutorService timer, Runnable applyMessageSettings) {
        this.device = device;
        this.parts = parts;
        this.config = config;
        this.connection = connection;
        this.outgoing = outgoing;
        this.reports = reports;
        this.rollback = rollback;
        this.timer = timer;
        this.applyMessageSettings = applyMessageSettings;
        this.since = parts.clock().instant();
    }

    @Override
    public Settings settings() {
        return parts.settings().current();
    }

    @Override
    public void change(Setting setting, String value) {
        Settings before = parts.settings().current();
        Settings after = parts.settings().change(setting, value);
        LOG.info("Setting {} changed remotely to {}", setting.protocolName(), after.value(setting));
        applyMessageSettings.run();
        if (setting == Setting.PDR_INTERVAL) {
            reports.schedule();
        }
        if (Setting.CONNECTION.contains(setting) && !before.equals(after)) {
            if (Rollback.watches(setting)) {
                rollback.watch();
            }
            connection.reconnect(setting.protocolName() + " changed");
        }
    }

    /**
     * The rollback's event, once connected again after a remote change was
     * undone; and the outcome of an upgrade that this connection ends.
     */
    void connected() {
        rollback.connected(parts.settings().current()).ifPresent(text -> outgoing.events("0",
                List.of(Event.now(EventCodes.SETTING_ROLLED_BACK, text)), outgoing.defaultQos(), true));
        parts.upgrader().get().flatMap(upgrader -> upgrader.connected(since))
                .ifPresent(event -> outgoing.events("0", List.of(event), outgoing.defaultQos(), true));
    }

    @Override
    public void publishSetting(Setting setting) {
        outgoing.data("0", Map.of("settings", Map.of(setting.protocolName(), settings().value(setting))),
                outgoing.defaultQos());
    }

    @Override
    public void publishFullData() {
        reports.publishFull();
    }

    @Override
    public void publishSettings() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("client", parts.versions());
        data.put("settings", settings().asMap());
        outgoing.data("0", data, outgoing.defaultQos());
    }

    @Override
    public void publishIpAddresses() {
        outgoing.data("0", Map.of("ip", IpAddresses.collect()), outgoing.defaultQos());
    }

    @Override
    public void takeBreak(Duration pause) {
        connection.pause(pause);
    }

    @Override
    public void rebootLater() {
        timer.schedule(() -> {
            Optional<DeviceIdentity> identity = device.hardware().get();
            if (identity.isEmpty()) {
                LOG.warn("Cannot reboot: no hardware bundle provides the device's identity");
                return;
            }
            try {
                LOG.warn("Rebooting the machine, as the platform asked");
                identity.get().reboot();
            } catch (IOException e) {
                LOG.warn("Rebooting failed: {}", e.getMessage());
            }
        }, actionDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void restartLater() {
        timer.schedule(parts.restart(), actionDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> upgradeLater() {
        Optional<Upgrader> upgrader = parts.upgrader().get();
        if (upgrader.isEmpty()) {
            LOG.warn("upgrade_client refused: the client does not run in an OSGi framework");
            return Optional.of("the client does not run in an OSGi framework");
        }
        Optional<String> refused = upgrader.get().prepare();
        if (refused.isEmpty()) {
            // One second gives the reply, about to be queued, time to go out before the bundles stop.
            timer.schedule(() -> upgrader.get().upgradeInBackground(), 1, TimeUnit.SECONDS);
        }
        return refused;
    }

    @Override
    public Map<String, Object> statusFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("uid", device.uid());
        fields.put("cid", device.cid());
        fields.put("connected", connection.state() == ConnectionState.CONNECTED);
        fields.put("version", parts.versions().get("trin"));
        return fields;
    }

    @Override
    public Duration actionDelay() {
        return Duration.ofSeconds(Math.max(0, config.get().actionDelay()));
    }
}
