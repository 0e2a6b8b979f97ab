package trin.client.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ClientStatus;
import trin.api.client.ConnectionState;
import trin.api.client.Event;
import trin.api.client.EventCodes;
import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.api.device.Credentials;
import trin.api.device.DeviceIdentity;
import trin.api.health.Detail;
import trin.client.internal.codec.PayloadCodec;
import trin.client.internal.codec.Topics;
import trin.client.internal.outbox.Outbox;
import trin.client.internal.settings.Setting;
import trin.client.internal.settings.Settings;

/**
 * One session of the device under one identity: the connection, the router,
 * the periodic report and the built-in commands' effects. The component makes
 * a new one when the identity changes.
 */
final class Gateway implements Control, Session.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final Set<Setting> RECONNECTING = Set.of(Setting.HOST, Setting.PORT, Setting.KEEP_ALIVE,
            Setting.CLEAN_SESSION, Setting.DEFAULT_QOS);

    /** Everything a gateway needs from its component. */
    record Parts(ClientConfiguration config, String uid, String cid, Credentials credentials,
            Supplier<Optional<DeviceIdentity>> identity, ClientSettings settings, Outbox outbox,
            Function<String, Optional<CommandHandler>> handlers, Supplier<List<HealthCollector.Reporter>> reporters,
            Counters counters, Optional<Upgrader> upgrader, Runnable restart, Map<String, Object> versions,
            LastGood lastGood, Clock clock) {
    }

    private final Parts parts;
    private final ClientConfiguration config;
    private final Topics topics;
    private final PayloadCodec codec;
    private final Session session;
    private final Outgoing outgoing;
    private final Router router;
    private final PendingReplies pending;
    private final HealthCollector health;
    private final ScheduledExecutorService sessionThread;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final ExecutorService healthWorkers;

    private ScheduledFuture<?> report;
    private final Rollback rollback;

    Gateway(Parts parts) {
        this.parts = parts;
        this.config = parts.config();
        this.topics = new Topics(parts.cid(), parts.uid());
        this.codec = new PayloadCodec(config.maxPayloadBytes());
        this.sessionThread = Executors2.scheduler("trin-session");
        this.timer = Executors2.scheduler("trin-timer");
        this.workers = Executors2.bounded("trin-command", Math.max(1, config.workers()), 1000);
        this.healthWorkers = Executors2.cached("trin-health");
        this.health = new HealthCollector(healthWorkers, config.healthTimeout());
        this.pending = new PendingReplies(Duration.ofSeconds(Math.max(1, config.replyTimeout())));
        Outgoing[] out = new Outgoing[1];
        Session.Options options = new Session.Options(parts.uid(), parts.cid() + parts.uid(), topics.subscription(),
                topics.outbound("0"), () -> out[0].will(), config.tls(), config.caFile(),
                Duration.ofSeconds(Math.max(1, config.connectTimeout())), Math.max(1, config.maxInflight()),
                Duration.ofSeconds(Math.max(1, config.reconnectMaxDelay())));
        this.session = new Session(options, parts.credentials(), () -> parts.settings().current(), parts.outbox(),
                parts.counters(), this, sessionThread, parts.clock());
        this.outgoing = new Outgoing(topics, codec, parts.outbox(), session, parts.clock(), parts.counters());
        out[0] = outgoing;
        applyMessageSettings();
        this.rollback = new Rollback(timer, Duration.ofSeconds(Math.max(1, config.rollbackAfter())),
                parts.settings(), parts.lastGood(), () -> session.state() == ConnectionState.CONNECTED,
                session::reconnect);
        this.router = new Router(topics, codec, this::trust, parts.handlers(), new BuiltinCommands(this), pending,
                outgoing, parts.counters());
    }

    String uid() {
        return parts.uid();
    }

    void start() {
        LOG.info("Starting the session of device {} (customer {}) with {}{}", parts.uid(), parts.cid(),
                session.broker().isEmpty() ? parts.settings().current().host() : session.broker(),
                config.local() ? ": LOCAL development set-up, not the Smart platform" : "");
        session.start();
    }

    /** Says goodbye to the broker and stops every thread of this session. */
    void stop(String reason) {
        try {
            session.stop(reason).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping the session did not finish cleanly: {}", e.toString());
        }
        pending.cancelAll();
        timer.shutdownNow();
        workers.shutdownNow();
        healthWorkers.shutdownNow();
        sessionThread.shutdownNow();
    }

    ClientStatus status() {
        return new ClientStatus(session.state(), session.broker(), Optional.of(parts.uid()), Optional.of(parts.cid()),
                config.local(), session.lastConnect(), session.lastDisconnect(), session.lastDisconnectReason(),
                parts.counters().snapshot(parts.outbox().dropped()), parts.outbox().size());
    }

    Outgoing outgoing() {
        return outgoing;
    }

    PendingReplies pending() {
        return pending;
    }

    // Session.Listener

    @Override
    public void connected() {
        outgoing.connected();
        rollback.connected(parts.settings().current()).ifPresent(text -> outgoing.events("0",
                List.of(Event.now(EventCodes.SETTING_ROLLED_BACK, text)), outgoing.defaultQos(), true));
        timer.execute(() -> {
            try {
                outgoing.dump(fullDump());
            } finally {
                outgoing.flush();
            }
        });
        scheduleReport();
    }

    @Override
    public void disconnected(String reason) {
        cancel(report);
    }

    @Override
    public void arrived(String topic, byte[] payload, boolean retained) {
        try {
            workers.execute(() -> router.handle(topic, payload, retained));
        } catch (RejectedExecutionException e) {
            router.refuseBusy(topic, payload, retained);
        }
    }

    // Control

    @Override
    public Settings settings() {
        return parts.settings().current();
    }

    @Override
    public void change(Setting setting, String value) {
        Settings before = parts.settings().current();
        Settings after = parts.settings().change(setting, value);
        LOG.info("Setting {} changed remotely to {}", setting.protocolName(), after.value(setting));
        applyMessageSettings();
        if (setting == Setting.PDR_INTERVAL) {
            scheduleReport();
        }
        if (RECONNECTING.contains(setting) && !before.equals(after)) {
            if (Rollback.watches(setting)) {
                rollback.watch();
            }
            session.reconnect(setting.protocolName() + " changed");
        }
    }

    @Override
    public void publishSetting(Setting setting) {
        outgoing.data("0", Map.of("settings", Map.of(setting.protocolName(), settings().value(setting))),
                outgoing.defaultQos());
    }

    @Override
    public void publishFullData() {
        outgoing.data("0", health.collect(parts.reporters().get(), Detail.FULL), outgoing.defaultQos());
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
        session.pause(pause);
    }

    @Override
    public void rebootLater() {
        timer.schedule(() -> {
            Optional<DeviceIdentity> identity = parts.identity().get();
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
    public void upgradeLater() {
        if (parts.upgrader().isEmpty()) {
            LOG.warn("upgrade_client ignored: the client does not run in an OSGi framework");
            return;
        }
        // One second gives the reply, already queued, time to go out before the bundles stop.
        timer.schedule(() -> parts.upgrader().get().upgradeInBackground(), 1, TimeUnit.SECONDS);
    }

    @Override
    public Map<String, Object> statusFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("uid", parts.uid());
        fields.put("cid", parts.cid());
        fields.put("connected", session.state() == ConnectionState.CONNECTED);
        fields.put("version", parts.versions().get("trin"));
        return fields;
    }

    @Override
    public Duration actionDelay() {
        return Duration.ofSeconds(Math.max(0, config.actionDelay()));
    }

    // Internals

    private Map<String, Object> fullDump() {
        Map<String, Object> dump = new LinkedHashMap<>(health.collect(parts.reporters().get(), Detail.FULL));
        dump.put("ip", IpAddresses.collect());
        dump.put("client", parts.versions());
        dump.put("settings", settings().asMap());
        return dump;
    }

    private void publishBasicReport() {
        if (session.state() == ConnectionState.CONNECTED) {
            outgoing.data("0", health.collect(parts.reporters().get(), Detail.BASIC), outgoing.defaultQos());
        }
    }

    private synchronized void scheduleReport() {
        cancel(report);
        int interval = settings().pdrInterval();
        if (interval > 0 && session.state() == ConnectionState.CONNECTED) {
            report = timer.scheduleAtFixedRate(this::publishBasicReport, interval, interval, TimeUnit.SECONDS);
        }
    }

    private void applyMessageSettings() {
        Settings s = settings();
        outgoing.settings(s.useRtc(), s.defaultQos());
    }

    private Router.Trust trust() {
        return new Router.Trust(settings().trustedSenders(), config.trustEmptySender());
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
