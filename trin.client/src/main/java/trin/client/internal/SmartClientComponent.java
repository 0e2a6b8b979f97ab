package trin.client.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ClientOperations;
import trin.api.client.ClientStatus;
import trin.api.client.ConnectionState;
import trin.api.client.Event;
import trin.api.client.MessageRecord;
import trin.api.client.SmartClient;
import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.api.device.Credentials;
import trin.api.device.DeviceIdentity;
import trin.api.device.NotProvisionedException;
import trin.api.health.HealthReporter;
import trin.client.internal.codec.Topics;
import trin.client.internal.outbox.Outbox;
import trin.client.internal.settings.SettingsStore;

/**
 * The Smart-MQTT client as an OSGi service. It keeps one {@link Gateway}
 * running for the device's current identity, and makes a new one when the
 * identity's UID changes; when the hardware bundle goes away the session
 * goes on under the identity it started with.
 */
@Component(service = {SmartClient.class, ClientAdmin.class, ClientOperations.class},
        configurationPid = ClientConfiguration.PID, immediate = true)
@Designate(ocd = ClientConfiguration.class)
public final class SmartClientComponent implements SmartClient, ClientAdmin, ClientOperations {

    private static final Logger LOG = LoggerFactory.getLogger(SmartClientComponent.class);
    private static final long PROVISION_RETRY_SECONDS = 30;

    @Reference(service = CommandHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    volatile List<Map.Entry<Map<String, Object>, CommandHandler>> handlers = List.of();

    @Reference(service = HealthReporter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    volatile List<Map.Entry<Map<String, Object>, HealthReporter>> reporters = List.of();

    private final ClientConfiguration config;
    private final Credentials credentials;
    private final BundleContext context;
    private final ClientSettings settings;
    private final Outbox outbox;
    private final LastGood lastGood;
    private final Counters counters = new Counters();
    private final ScheduledExecutorService retries = Executors2.scheduler("trin-provisioning");
    private final Object lock = new Object();

    private volatile DeviceIdentity identity;
    private volatile Gateway gateway;
    private ScheduledFuture<?> retry;
    private boolean active;
    private boolean warnedUnprovisioned;

    @Activate
    public SmartClientComponent(ClientConfiguration config, BundleContext context, Map<String, Object> properties,
            @Reference(name = "credentials") Credentials credentials) throws IOException {
        this.config = config;
        this.context = context;
        this.credentials = credentials;
        ConfiguredSettings configured = ConfiguredSettings.from(config, properties);
        this.settings = new ClientSettings(configured.settings(), configured.explicit(),
                new SettingsStore(Paths2.expand(config.settingsFile())));
        Path data = dataDir(context, config);
        Path outboxDir = config.outboxDir().isBlank() ? data.resolve("outbox") : Paths2.expand(config.outboxDir());
        this.outbox = Outbox.open(outboxDir, Math.max(1, config.outboxCapacity()));
        this.lastGood = new LastGood(data.resolve("last-good.properties"), settings.current());
    }

    @Activate
    void activate() {
        synchronized (lock) {
            active = true;
            startGateway();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            active = false;
            if (retry != null) {
                retry.cancel(false);
            }
            stopGateway(frameworkStopping() ? "trin is shutting down" : "the client was stopped");
        }
        retries.shutdownNow();
        outbox.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIdentity(DeviceIdentity identity) {
        synchronized (lock) {
            this.identity = identity;
            if (active) {
                startGateway();
            }
        }
    }

    void updatedIdentity(DeviceIdentity identity) {
        bindIdentity(identity);
    }

    void unbindIdentity(DeviceIdentity identity) {
        synchronized (lock) {
            if (this.identity != identity) {
                return;
            }
            this.identity = null;
            if (active && !frameworkStopping()) {
                LOG.info("The hardware bundle went away; the session goes on as device {}",
                        gateway == null ? "(none yet)" : gateway.uid());
            }
        }
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
        Gateway g = gateway;
        if (g == null) {
            notReady("data", pid);
            return;
        }
        g.outgoing().data(pid, data, qos);
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
        Gateway g = gateway;
        if (g == null) {
            notReady("events", pid);
            return;
        }
        g.outgoing().events(pid, List.copyOf(events), qos, false);
    }

    @Override
    public CompletableFuture<Reply> sendCommand(String fromPid, String targetUid, String targetPid, String name,
            List<?> args) {
        checkPid(fromPid);
        checkPid(targetPid);
        if (!Topics.isValidLevel(targetUid)) {
            throw new IllegalArgumentException("not a UID: " + targetUid);
        }
        Gateway g = gateway;
        if (g == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client has no session yet"));
        }
        Map.Entry<String, CompletableFuture<Reply>> expected = g.pending().expect(targetUid);
        g.outgoing().command(fromPid, targetUid, targetPid, expected.getKey(), name, args == null ? List.of() : args);
        return expected.getValue();
    }

    @Override
    public ClientStatus status() {
        Gateway g = gateway;
        if (g != null) {
            return g.status();
        }
        Optional<String> uid = Optional.ofNullable(identity).map(DeviceIdentity::uid);
        Optional<String> cid = credentials.provisioned() ? safeCid() : Optional.empty();
        return new ClientStatus(ConnectionState.STOPPED, "", uid, cid, config.local(), Optional.empty(),
                Optional.empty(), Optional.of(credentials.provisioned() ? "no identity" : "not provisioned"),
                counters.snapshot(outbox.dropped()), outbox.size());
    }

    // ClientAdmin

    @Override
    public Map<String, Object[]> settings() {
        return settings.describe();
    }

    @Override
    public void resetSettings() {
        settings.reset();
        LOG.info("Remote settings cleared; the configuration holds again");
        synchronized (lock) {
            stopGateway("settings reset");
            startGateway();
        }
    }

    @Override
    public String settingsFile() {
        return Paths2.expand(config.settingsFile()).toString();
    }

    // ClientOperations

    @Override
    public List<MessageRecord> recentMessages() {
        return counters.recent.newestFirst();
    }

    @Override
    public boolean publishFullReport() {
        Gateway g = gateway;
        if (g == null || !g.status().connected()) {
            return false;
        }
        g.publishFullData();
        return true;
    }

    @Override
    public void restartSession() {
        synchronized (lock) {
            LOG.info("Restarting the session, as the local console asked");
            stopGateway("restarted from the local console");
            startGateway();
        }
    }

    // Internals

    private void startGateway() {
        DeviceIdentity id = identity;
        if (!active || id == null) {
            return;
        }
        String uid = id.uid();
        if (gateway != null) {
            if (gateway.uid().equals(uid)) {
                return;
            }
            LOG.info("The device's identity changed from {} to {}: starting a new session", gateway.uid(), uid);
            stopGateway("identity changed");
        }
        String cid;
        try {
            cid = credentials.cid();
        } catch (NotProvisionedException e) {
            if (!warnedUnprovisioned) {
                LOG.warn("Not connecting yet: {}", e.getMessage());
                warnedUnprovisioned = true;
            }
            retry = retries.schedule(() -> {
                synchronized (lock) {
                    startGateway();
                }
            }, PROVISION_RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        Gateway g = new Gateway(new Gateway.Parts(config, uid, cid, credentials, () -> Optional.ofNullable(identity),
                settings, outbox, this::handlerFor, this::reporterList, counters, upgrader(), this::restart,
                versions(), lastGood, Clock.systemUTC()));
        gateway = g;
        g.start();
    }

    /** The whole framework is stopping (a shutdown), not just one of its bundles. */
    private boolean frameworkStopping() {
        return context != null && context.getBundle(Constants.SYSTEM_BUNDLE_ID).getState() == Bundle.STOPPING;
    }

    private void stopGateway(String reason) {
        Gateway g = gateway;
        gateway = null;
        if (g != null) {
            g.stop(reason);
        }
    }

    private void restart() {
        synchronized (lock) {
            LOG.info("Restarting the client, as the platform asked");
            stopGateway("restart_client");
            startGateway();
        }
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
        return context == null ? Optional.empty() : Optional.of(new Upgrader(context, config.upgradeLocation()));
    }

    private Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("trin", context == null ? "dev" : context.getBundle().getVersion().toString());
        v.put("paho", libraryVersion(MqttAsyncClient.class));
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static String libraryVersion(Class<?> type) {
        org.osgi.framework.Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle != null) {
            return bundle.getVersion().toString();
        }
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private int defaultQos() {
        return settings.current().defaultQos();
    }

    private Optional<String> safeCid() {
        try {
            return Optional.of(credentials.cid());
        } catch (NotProvisionedException e) {
            return Optional.empty();
        }
    }

    private void notReady(String what, String pid) {
        counters.errors.incrementAndGet();
        LOG.debug("Dropped {} of {}: the client has no session yet (not provisioned, or no identity)", what, pid);
    }

    private static void checkPid(String pid) {
        if (!Topics.isValidLevel(pid)) {
            throw new IllegalArgumentException("not a PID: '" + pid + "' (non-empty, without / + #)");
        }
    }

    private static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS is 0, 1 or 2, not " + qos);
        }
    }

    /** The bundle's data area; outside a framework, next to the configured outbox. */
    private static Path dataDir(BundleContext context, ClientConfiguration config) {
        if (context != null && context.getDataFile("") != null) {
            return context.getDataFile("").toPath();
        }
        if (!config.outboxDir().isBlank()) {
            return Paths2.expand(config.outboxDir()).toAbsolutePath().getParent();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "trin-client");
    }
}
