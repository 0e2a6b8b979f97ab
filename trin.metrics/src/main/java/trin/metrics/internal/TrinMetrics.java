package trin.metrics.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import trin.api.client.ClientStatus;
import trin.api.client.ConnectionState;
import trin.api.client.SmartClient;
import trin.api.health.HealthReporter;
import trin.metrics.internal.Exposition.Type;

/**
 * One scrape of the gateway's metrics, from {@link SmartClient#status()}, the
 * {@link HealthReporter}s and the JVM. The names are public (docs/metrics.md):
 * renaming one breaks operators' dashboards.
 */
@Component(service = TrinMetrics.class, configurationPid = MetricsConfiguration.PID)
@Designate(ocd = MetricsConfiguration.class)
public final class TrinMetrics {

    /** The client's configuration PID and its property, read for the outbox's capacity. */
    static final String CLIENT_PID = "trin.client";
    static final String OUTBOX_CAPACITY = "outboxCapacity";
    static final int DEFAULT_OUTBOX_CAPACITY = 10000;

    private final HealthValues health;

    /** The client, while there is one; read once per scrape. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SmartClient client;

    /** For the client's configured outbox capacity, where Configuration Admin runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configurationAdmin;

    /** Every health reporter; read once per scrape. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<HealthReporter> reporters;

    @Activate
    public TrinMetrics(MetricsConfiguration config) {
        this.health = new HealthValues(config.healthTimeout());
    }

    @Deactivate
    void deactivate() {
        health.close();
    }

    /** The metrics now, in the text exposition format 0.0.4. */
    public String scrape() {
        Exposition out = new Exposition();
        SmartClient current = client;
        out.single("trin_client_up", Type.GAUGE, "1 while the MQTT client (trin.client's SmartClient) runs.",
                current == null ? 0 : 1);
        if (current != null) {
            client(out, current.status());
        }
        outboxCapacity(out);
        health.write(out, reporters == null ? List.of() : reporters);
        jvm(out);
        return out.text();
    }

    private static void client(Exposition out, ClientStatus status) {
        out.single("trin_connected", Type.GAUGE, "1 while connected to the broker and subscribed, else 0.",
                status.connected() ? 1 : 0);
        out.family("trin_connection_state", Type.GAUGE, "The session's state: 1 for the current one.");
        for (ConnectionState state : ConnectionState.values()) {
            out.sample(Map.of("state", state.name()), status.state() == state ? 1 : 0);
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("uid", status.uid().orElse(""));
        info.put("cid", status.cid().orElse(""));
        info.put("broker", status.broker());
        info.put("local", Boolean.toString(status.local()));
        out.family("trin_device_info", Type.GAUGE, "The device's identity and broker, in labels; always 1.")
                .sample(info, 1);
        ClientStatus.Counters counters = status.counters();
        long connects = counters.reconnects() + (status.lastConnect().isPresent() ? 1 : 0);
        out.single("trin_connects_total", Type.COUNTER, "Connections made since the client started.", connects);
        out.single("trin_reconnects_total", Type.COUNTER, "Connections made after the first.", counters.reconnects());
        out.single("trin_messages_sent_total", Type.COUNTER, "Messages handed to the broker.", counters.sent());
        out.single("trin_messages_received_total", Type.COUNTER, "Messages received from the broker.",
                counters.received());
        out.single("trin_messages_processed_total", Type.COUNTER,
                "Received messages fully handled (answered, ignored or refused).", counters.processed());
        out.single("trin_replies_sent_total", Type.COUNTER, "Replies sent to commands.", counters.replies());
        out.single("trin_message_errors_total", Type.COUNTER,
                "Incoming messages answered with an error, or dropped as malformed.", counters.errors());
        out.single("trin_messages_dropped_total", Type.COUNTER,
                "Outgoing messages dropped because the outbox was full.", counters.dropped());
        out.single("trin_outbox_messages", Type.GAUGE, "Messages waiting in the outbox to be sent.",
                status.outboxDepth());
        timestamp(out, "trin_last_connect_timestamp_seconds", "When the session last connected (Unix time).",
                status.lastConnect());
        timestamp(out, "trin_last_disconnect_timestamp_seconds", "When the session last ended (Unix time).",
                status.lastDisconnect());
    }

    private static void timestamp(Exposition out, String name, String help, Optional<Instant> time) {
        time.ifPresent(t -> out.single(name, Type.GAUGE, help, t.toEpochMilli() / 1000.0));
    }

    private void outboxCapacity(Exposition out) {
        out.single("trin_outbox_capacity_messages", Type.GAUGE,
                "The most messages the outbox keeps (trin.client's outboxCapacity).", configuredOutboxCapacity());
    }

    private int configuredOutboxCapacity() {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return DEFAULT_OUTBOX_CAPACITY;
        }
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + CLIENT_PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return DEFAULT_OUTBOX_CAPACITY;
            }
            Dictionary<String, Object> properties = found[0].getProperties();
            Object value = properties.get(OUTBOX_CAPACITY);
            return value == null ? DEFAULT_OUTBOX_CAPACITY : Integer.parseInt(value.toString().strip());
        } catch (IOException | InvalidSyntaxException | NumberFormatException | IllegalStateException e) {
            return DEFAULT_OUTBOX_CAPACITY;
        }
    }

    private static void jvm(Exposition out) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        out.single("trin_jvm_heap_used_bytes", Type.GAUGE, "The JVM's heap in use.", heap.getUsed());
        out.single("trin_jvm_heap_committed_bytes", Type.GAUGE, "The JVM's heap committed.", heap.getCommitted());
        out.single("trin_jvm_heap_max_bytes", Type.GAUGE, "The JVM's largest heap (-Xmx).", heap.getMax());
        out.single("trin_jvm_nonheap_used_bytes", Type.GAUGE, "The JVM's memory in use outside the heap "
                + "(metaspace, code cache).", memory.getNonHeapMemoryUsage().getUsed());
        out.single("trin_jvm_threads", Type.GAUGE, "The JVM's live threads.",
                ManagementFactory.getThreadMXBean().getThreadCount());
        out.single("trin_jvm_uptime_seconds", Type.GAUGE, "Seconds since the JVM started.",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        out.family("trin_jvm_info", Type.GAUGE, "The Java runtime, in labels; always 1.")
                .sample(Map.of("version", System.getProperty("java.runtime.version", ""),
                        "vendor", System.getProperty("java.vendor", "")), 1);
    }
}
