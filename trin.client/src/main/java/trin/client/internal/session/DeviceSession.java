package trin.client.internal.session;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.ClientStatus;
import trin.api.client.ConnectionState;
import trin.client.internal.codec.PayloadCodec;
import trin.client.internal.codec.Topics;
import trin.client.internal.commands.BuiltinCommands;
import trin.client.internal.commands.BuiltinEffects;
import trin.client.internal.commands.CommandPool;
import trin.client.internal.commands.PendingReplies;
import trin.client.internal.commands.Rollback;
import trin.client.internal.commands.Router;
import trin.client.internal.connection.Backoff;
import trin.client.internal.connection.BrokerConnection;
import trin.client.internal.connection.ConnectionListener;
import trin.client.internal.connection.ConnectionOptions;
import trin.client.internal.connection.ConnectionRecord;
import trin.client.internal.outgoing.Outgoing;
import trin.client.internal.outgoing.Publishing;
import trin.client.internal.outgoing.Stamps;
import trin.client.internal.report.HealthCollector;
import trin.client.internal.report.IpAddresses;
import trin.client.internal.report.Reports;
import trin.client.internal.settings.ClientConfiguration;
import trin.client.internal.settings.Setting;
import trin.client.internal.settings.Settings;
import trin.client.internal.status.Status;
import trin.client.internal.threads.SessionThread;
import trin.client.internal.threads.ThreadPools;

/**
 * The session of the device under one identity: its broker connection, the
 * router of what arrives, what it publishes, its reports and the built-in
 * commands' effects, with the threads they run on. The component makes a new
 * one when the identity changes; a new configuration applies to the running one.
 */
public final class DeviceSession implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    /** Commands that may wait for a worker; past them a command is refused busy. */
    static final int COMMAND_QUEUE = 1000;
    /**
     * Replies owed (commands taken and not finished, messages the broker has not confirmed) at which the
     * session stops acknowledging what arrives, so that the broker holds the rest: a quarter of the command
     * queue, so that what a broker sends past its window (IncomingFlow) fits in the rest, and a quarter of
     * the outbox at most, so that replies never crowd out data and events.
     */
    public static final int OWED_LIMIT = COMMAND_QUEUE / 4;
    /**
     * The most messages a command flood may leave in the outbox: the limit, plus a burst of what a broker
     * sends past its window ({@link IncomingFlow}) for each reply owed. Far below the outbox's capacity.
     */
    public static final int FLOOD_OUTBOX_BOUND = (IncomingFlow.BURST + 1) * OWED_LIMIT;

    private final Device device;
    private final SessionParts parts;
    private volatile ClientConfiguration config;
    private final PayloadCodec codec;
    private final Stamps stamps;
    private final Backoff backoff;
    private final BrokerConnection connection;
    private final Publishing publishing;
    private final Outgoing outgoing;
    private final IncomingFlow flow;
    private final Router router;
    private final PendingReplies pending;
    private final HealthCollector health;
    private final Reports reports;
    private final BuiltinEffects effects;
    private final ScheduledExecutorService sessionThread = ThreadPools.scheduler("trin-session");
    private final ScheduledExecutorService timer = ThreadPools.scheduler("trin-timer");
    private final CommandPool workers;
    private final ExecutorService healthWorkers = ThreadPools.cached("trin-health");

    public DeviceSession(Device device, SessionParts parts, ClientConfiguration config) {
        this.device = device;
        this.parts = parts;
        this.config = config;
        Topics topics = new Topics(device.cid(), device.uid());
        this.codec = new PayloadCodec(config.maxPayloadBytes());
        this.stamps = new Stamps(parts.clock());
        this.workers = CommandPool.named("trin-command", Math.max(1, config.workers()), COMMAND_QUEUE);
        this.health = new HealthCollector(healthWorkers, config.healthTimeout());
        this.pending = new PendingReplies(Duration.ofSeconds(Math.max(1, config.replyTimeout())));
        this.backoff = new Backoff(Duration.ofSeconds(Math.max(1, config.reconnectMaxDelay())), Math::random);
        SessionThread thread = new SessionThread(sessionThread);
        String will = topics.outbound("0");
        this.connection = new BrokerConnection(() -> connectionOptions(topics, will), device.credentials(),
                () -> parts.settings().current(), backoff, parts.counters(), this, thread, parts.clock());
        this.flow = new IncomingFlow(this::waiting, this::owedLimit, IncomingFlow::acknowledgeByPaho, timer,
                IncomingFlow.CHECK);
        this.publishing = new Publishing(connection::connectedClient, parts.outbox(), parts.counters(), thread,
                () -> Math.max(1, this.config.maxInflight()), flow::drained);
        this.outgoing = new Outgoing(topics, codec, parts.outbox(), publishing, stamps, parts.counters());
        applyMessageSettings();
        this.reports = new Reports(timer, health, parts.reporters(), outgoing,
                () -> connection.state() == ConnectionState.CONNECTED, () -> parts.settings().current().pdrInterval(),
                this::dumpExtras);
        Rollback rollback = new Rollback(timer, () -> Duration.ofSeconds(Math.max(1, this.config.rollbackAfter())),
                parts.settings(), parts.lastGood(), () -> connection.state() == ConnectionState.CONNECTED,
                connection::reconnect);
        BuiltinEffects.Scope scope = new BuiltinEffects.Scope(device.uid(), device.cid(), device.hardware(),
                parts.settings(), parts.upgrader(), parts.restart(), parts.versions(), parts.clock());
        this.effects = new BuiltinEffects(scope, () -> this.config, connection, outgoing, reports, rollback, timer,
                this::applyMessageSettings);
        this.router = new Router(topics, codec, this::trust, parts.handlers(), new BuiltinCommands(effects), pending,
                outgoing, parts.counters());
    }

    String uid() {
        return device.uid();
    }

    void start() {
        LOG.info("Starting the session of device {} (customer {}) with {}{}", device.uid(), device.cid(),
                parts.settings().current().host(),
                config.local() ? ": LOCAL development set-up, not the Smart platform" : "");
        connection.start();
    }

    /** Says goodbye to the broker and stops every thread of this session. */
    void stop(String reason) {
        try {
            connection.stop(reason).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping the session did not finish cleanly: {}", e.toString());
        }
        pending.cancelAll();
        pools().forEach(ExecutorService::shutdownNow);
    }

    /**
     * Waits a moment for this session's tasks to end after {@link #stop}: one
     * still running (a report being built, a handler) would otherwise go on
     * with the classes of bundles that are stopping. Not from a thread of the
     * session's own.
     */
    void awaitStopped() {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (ExecutorService pool : pools()) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.debug("A task of the session was still running {} after it stopped", STOP_WAIT);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ExecutorService> pools() {
        return List.of(timer, workers, healthWorkers, sessionThread);
    }

    /**
     * A new configuration for the running session. What can change in place
     * does; a change of what the connection is made with (host, port, TLS,
     * keep-alive, ...) makes a new connection, and nothing else: applications
     * keep their {@code SmartClient}, and commands sent keep waiting for their replies.
     *
     * @param settingsBefore the effective settings before the change
     */
    public void reconfigure(ClientConfiguration next, Settings settingsBefore) {
        ClientConfiguration before = config;
        config = next;
        workers.setMaximumPoolSize(Math.max(1, next.workers()));
        pending.timeout(Duration.ofSeconds(Math.max(1, next.replyTimeout())));
        health.timeout(next.healthTimeout());
        parts.outbox().capacity(Math.max(1, next.outboxCapacity()));
        codec.maxPayloadBytes(next.maxPayloadBytes());
        backoff.max(Duration.ofSeconds(Math.max(1, next.reconnectMaxDelay())));
        applyMessageSettings();
        reports.schedule();
        publishing.flush();
        flow.drained(); // the outbox's capacity, and so the limit, may have grown
        Settings now = parts.settings().current();
        boolean newConnection = before.tls() != next.tls() || !Objects.equals(before.caFile(), next.caFile())
                || before.connectTimeout() != next.connectTimeout()
                || Setting.CONNECTION.stream().anyMatch(s -> !Objects.equals(settingsBefore.value(s), now.value(s)));
        if (newConnection) {
            connection.reconnect("the configuration changed");
        }
    }

    public ClientStatus status() {
        ConnectionRecord r = connection.record();
        return new Status(r.state(), r.broker(), Optional.of(device.uid()), Optional.of(device.cid()),
                config.local(), r.lastConnect(), r.lastDisconnect(), r.lastDisconnectReason(), r.nextAttempt(),
                parts.counters().snapshot(parts.outbox().dropped()), parts.outbox().size());
    }

    /** A full report now, if connected. */
    public boolean publishFullReport() {
        if (connection.state() != ConnectionState.CONNECTED) {
            return false;
        }
        reports.publishFull();
        return true;
    }

    public Outgoing outgoing() {
        return outgoing;
    }

    public PendingReplies pending() {
        return pending;
    }

    // ConnectionListener: on the session thread, but arrived

    @Override
    public void connected() {
        publishing.connected();
        outgoing.connected();
        effects.connected();
        reports.connected(publishing::release);
    }

    @Override
    public void disconnected(String reason) {
        flow.disconnected();
        publishing.disconnected();
        reports.cancel();
    }

    /**
     * Hands a message to a worker, or refuses it busy if none can take it, then acknowledges it, or holds
     * its acknowledgement while too many replies are owed ({@link IncomingFlow}).
     */
    @Override
    public void arrived(String topic, MqttMessage message, MqttAsyncClient client) {
        byte[] payload = message.getPayload();
        boolean retained = message.isRetained();
        flow.handOver(client, message, workers, () -> router.handle(topic, payload, retained),
                () -> router.refuseBusy(topic, payload, retained));
    }

    /** Messages waiting for the broker's confirmation. */
    private int waiting() {
        return publishing.waiting();
    }

    private int owedLimit() {
        return Math.max(1, Math.min(OWED_LIMIT, config.outboxCapacity() / 4));
    }

    private ConnectionOptions connectionOptions(Topics topics, String willTopic) {
        ClientConfiguration c = config;
        return new ConnectionOptions(device.uid(), device.cid() + device.uid(), topics.subscription(),
                willTopic, () -> codec.will(stamps.now()), c.tls(), c.caFile(),
                Duration.ofSeconds(Math.max(1, c.connectTimeout())));
    }

    private Map<String, Object> dumpExtras() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("ip", IpAddresses.collect());
        Map<String, Object> client = new LinkedHashMap<>(parts.versions());
        client.put("broker", connection.record().broker());
        extras.put("client", client);
        extras.put("settings", parts.settings().current().asMap());
        return extras;
    }

    private void applyMessageSettings() {
        Settings s = parts.settings().current();
        stamps.useRtc(s.useRtc());
        outgoing.defaultQos(s.defaultQos());
    }

    private Router.Trust trust() {
        return new Router.Trust(parts.settings().current().trustedSenders(), config.trustEmptySender());
    }
}
