package trin.client.internal.commands;

import java.io.IOException;
import java.time.Clock;
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
import trin.client.internal.connection.BrokerConnection;
import trin.client.internal.outgoing.Outgoing;
import trin.client.internal.report.IpAddresses;
import trin.client.internal.report.Reports;
import trin.client.internal.settings.ClientConfiguration;
import trin.client.internal.settings.ClientSettings;
import trin.client.internal.settings.Setting;
import trin.client.internal.settings.Settings;
import trin.client.internal.upgrade.Upgrader;

/** What the built-in commands do to a device session: settings, reports, pauses, reboots, restarts, upgrades. */
public final class BuiltinEffects implements Control {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinEffects.class);

    /** What the effects take from the session that makes them: who the device is, and what outlives the session. */
    public record Scope(String uid, String cid, Supplier<Optional<DeviceIdentity>> hardware, ClientSettings settings,
            Supplier<Optional<Upgrader>> upgrader, Runnable restart, Map<String, Object> versions, Clock clock) {
    }

    private final Scope scope;
    private final Supplier<ClientConfiguration> config;
    private final BrokerConnection connection;
    private final Outgoing outgoing;
    private final Reports reports;
    private final Rollback rollback;
    private final ScheduledExecutorService timer;
    private final Runnable applyMessageSettings;
    private final Instant since;

    public BuiltinEffects(Scope scope, Supplier<ClientConfiguration> config,
            BrokerConnection connection, Outgoing outgoing, Reports reports, Rollback rollback,
            ScheduledExecutorService timer, Runnable applyMessageSettings) {
        this.scope = scope;
        this.config = config;
        this.connection = connection;
        this.outgoing = outgoing;
        this.reports = reports;
        this.rollback = rollback;
        this.timer = timer;
        this.applyMessageSettings = applyMessageSettings;
        this.since = scope.clock().instant();
    }

    @Override
    public Settings settings() {
        return scope.settings().current();
    }

    @Override
    public void change(Setting setting, String value) {
        Settings before = scope.settings().current();
        Settings after = scope.settings().change(setting, value);
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
    public void connected() {
        rollback.connected(scope.settings().current()).ifPresent(text -> outgoing.events("0",
                List.of(Event.now(EventCodes.SETTING_ROLLED_BACK, text)), outgoing.defaultQos(), true));
        scope.upgrader().get().flatMap(upgrader -> upgrader.connected(since))
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
        data.put("client", scope.versions());
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
            Optional<DeviceIdentity> identity = scope.hardware().get();
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
        timer.schedule(scope.restart(), actionDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> upgradeLater() {
        Optional<Upgrader> upgrader = scope.upgrader().get();
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
        fields.put("uid", scope.uid());
        fields.put("cid", scope.cid());
        fields.put("connected", connection.state() == ConnectionState.CONNECTED);
        fields.put("version", scope.versions().get("trin"));
        return fields;
    }

    @Override
    public Duration actionDelay() {
        return Duration.ofSeconds(Math.max(0, config.get().actionDelay()));
    }
}
