package trin.client.internal;

import static trin.client.internal.Arguments.checkPid;
import static trin.client.internal.Arguments.checkQos;
import static trin.client.internal.Arguments.checkUid;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ClientOperations;
import trin.api.client.ClientStatus;
import trin.api.client.Event;
import trin.api.client.MessageRecord;
import trin.api.client.SmartClient;
import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.api.device.Credentials;
import trin.api.device.DeviceIdentity;
import trin.api.health.HealthReporter;
import trin.client.internal.outbox.Outbox;
import trin.client.internal.report.HealthCollector;
import trin.client.internal.session.Device;
import trin.client.internal.session.DeviceSession;
import trin.client.internal.session.SessionKeeper;
import trin.client.internal.session.SessionParts;
import trin.client.internal.settings.ClientConfiguration;
import trin.client.internal.settings.ClientSettings;
import trin.client.internal.settings.ConfiguredSettings;
import trin.client.internal.settings.LastGood;
import trin.client.internal.settings.SettingView;
import trin.client.internal.settings.Settings;
import trin.client.internal.settings.SettingsStore;
import trin.client.internal.shell.ClientAdmin;
import trin.client.internal.status.Counters;
import trin.client.internal.upgrade.Upgrader;

/**
 * The Smart-MQTT client as an OSGi service: {@code SmartClient} for
 * applications, {@link ClientAdmin} for the shell. A {@link SessionKeeper}
 * runs the device's session; a new configuration applies to it in place
 * ({@link #modified}), so the service stays registered through any change.
 */
@Component(service = {SmartClient.class, ClientAdmin.class, ClientOperations.class},
        configurationPid = ClientConfiguration.PID, immediate = true)
@Designate(ocd = ClientConfiguration.class)
public final class SmartClientComponent implements SmartClient, ClientAdmin, ClientOperations {

    private static final Logger LOG = LoggerFactory.getLogger(SmartClientComponent.class);

    @Reference(service = CommandHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    volatile List<Map.Entry<Map<String, Object>, CommandHandler>> handlers = List.of();

    @Reference(service = HealthReporter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    volatile List<Map.Entry<Map<String, Object>, HealthReporter>> reporters = List.of();

    private final BundleContext context;
    private final Counters counters = new Counters();
    private final SessionKeeper keeper;
    private final Object lock = new Object();
    // Guarded by lock when written; read by any thread.
    private volatile ClientConfiguration config;
    private volatile Map<String, Object> properties;
    private volatile ClientSettings settings;
    private volatile Outbox outbox;
    private volatile LastGood lastGood;

    @Activate
    public SmartClientComponent(ClientConfiguration config, BundleContext context, Map<String, Object> properties,
            @Reference(name = "credentials") Credentials credentials) throws IOException {
        this.config = config;
        this.properties = properties;
        this.context = context;
        openSettings(config, properties);
        outbox = ClientEnvironment.openOutbox(context, config);
        this.keeper = new SessionKeeper(credentials, this::newSession);
    }

    /**
     * Starts the session once the dynamic references (handlers, reporters),
     * which SCR sets after the constructor, are in place: hence a second
     * {@code @Activate}, a method, besides the constructor.
     */
    @Activate
    void activate() {
        upgrader().ifPresent(Upgrader::resume);
        keeper.activate();
    }

    @Modified
    void modified(ClientConfiguration next, Map<String, Object> nextProperties) throws IOException {
        synchronized (lock) {
            ClientConfiguration before = config;
            config = next;
            properties = nextProperties;
            if (!before.settingsFile().equals(next.settingsFile()) || !before.outboxDir().equals(next.outboxDir())) {
                LOG.info("Configuration {}: a new settings file or outbox directory; starting a new session",
                        ClientConfiguration.PID);
                Outbox old = outbox;
                openSettings(next, nextProperties);
                if (!before.outboxDir().equals(next.outboxDir())) {
                    outbox = ClientEnvironment.openOutbox(context, next);
                }
                keeper.restart("the configuration changed");
                if (outbox != old) {
                    old.close();
                }
                return;
            }
            Settings settingsBefore = settings.current();
            ConfiguredSettings configured = ConfiguredSettings.from(next, nextProperties);
            settings.reconfigure(configured.settings(), configured.explicit());
            keeper.session().ifPresent(s -> s.reconfigure(next, settingsBefore));
        }
    }

    @Deactivate
    void deactivate() {
        keeper.deactivate(frameworkStopping() ? "trin is shutting down" : "the client was stopped");
        outbox.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIdentity(DeviceIdentity identity) {
        keeper.identity(identity);
    }

    void updatedIdentity(DeviceIdentity identity) {
        keeper.identity(identity);
    }

    void unbindIdentity(DeviceIdentity identity) {
        keeper.identityGone(identity, frameworkStopping());
    }

    // SmartClient

    @Override
    public void publishData(String pid, Object data) {
        publishData(pid, data, defaultQos());
    }

    @Override
    public void publishData(String pid, Object data, int qos) {
        checkPid(pid);
        checkQos(qos);
        keeper.session().ifPresentOrElse(s -> s.outgoing().data(pid, data, qos), () -> notReady("data", pid));
    }

    @Override
    public void publishEvent(String pid, int code, String description) {
        publishEvents(pid, List.of(Event.now(code, description)), defaultQos());
    }

    @Override
    public void publishEvents(String pid, List<Event> events, int qos) {
        checkPid(pid);
        checkQos(qos);
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("no event to publish");
        }
        List<Event> copy = List.copyOf(events);
        keeper.session().ifPresentOrElse(s -> s.outgoing().events(pid, copy, qos, false),
                () -> notReady("events", pid));
    }

    @Override
    public CompletionStage<Reply> sendCommand(String fromPid, String targetUid, String targetPid, String name,
            List<?> args) {
        checkPid(fromPid);
        checkPid(targetPid);
        checkUid(targetUid);
        DeviceSession g = keeper.session().orElse(null);
        if (g == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client has no session yet"));
        }
        Map.Entry<String, CompletableFuture<Reply>> expected = g.pending().expect(targetUid);
        g.outgoing().command(fromPid, targetUid, targetPid, expected.getKey(), name, args == null ? List.of() : args);
        return expected.getValue().minimalCompletionStage();
    }

    @Override
    public ClientStatus status() {
        return keeper.session().map(DeviceSession::status)
                .orElseGet(() -> keeper.stoppedStatus(config.local(), counters.snapshot(outbox.dropped()), outbox.size()));
    }

    // ClientAdmin

    @Override
    public List<SettingView> settings() {
        return settings.describe();
    }

    @Override
    public void resetSettings() {
        settings.reset();
        LOG.info("Remote settings cleared; the configuration holds again");
        keeper.restart("settings reset");
    }

    @Override
    public String settingsFile() {
        return UserPaths.expand(config.settingsFile()).toString();
    }

    // ClientOperations

    @Override
    public List<MessageRecord> recentMessages() {
        return counters.recent.newestFirst();
    }

    @Override
    public boolean publishFullReport() {
        return keeper.session().map(DeviceSession::publishFullReport).orElse(false);
    }

    @Override
    public void restartSession() {
        LOG.info("Restarting the session, as the local console asked");
        keeper.restart("restarted from the local console");
    }

    // Internals

    private void openSettings(ClientConfiguration c, Map<String, Object> props) {
        ConfiguredSettings configured = ConfiguredSettings.from(c, props);
        settings = new ClientSettings(configured.settings(), configured.explicit(),
                new SettingsStore(UserPaths.expand(c.settingsFile())));
        lastGood = new LastGood(ClientEnvironment.dataDir(context, c).resolve("last-good.properties"),
                settings.current());
    }

    private DeviceSession newSession(Device device) {
        return new DeviceSession(device, new SessionParts(settings, outbox, lastGood, counters,
                this::handlerFor, this::reporterList, this::upgrader,
                () -> keeper.restart("restart_client"), ClientEnvironment.versions(context), Clock.systemUTC()),
                config);
    }

    /** The whole framework is stopping (a shutdown), not just one of its bundles. */
    private boolean frameworkStopping() {
        return context != null && context.getBundle(Constants.SYSTEM_BUNDLE_ID).getState() == Bundle.STOPPING;
    }

    private Optional<CommandHandler> handlerFor(String pid) {
        CommandHandler found = null;
        for (Map.Entry<Map<String, Object>, CommandHandler> e : handlers) {
            if (pid.equals(e.getKey().get(CommandHandler.APP_ID))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    private List<HealthCollector.Reporter> reporterList() {
        return reporters.stream().map(e -> new HealthCollector.Reporter(e.getValue(), e.getKey())).toList();
    }

    private Optional<Upgrader> upgrader() {
        return ClientEnvironment.upgrader(context, config);
    }

    private int defaultQos() {
        return settings.current().defaultQos();
    }

    private void notReady(String what, String pid) {
        counters.errors.incrementAndGet();
        LOG.debug("Dropped {} of {}: the client has no session yet (not provisioned, or no identity)", what, pid);
    }
}
