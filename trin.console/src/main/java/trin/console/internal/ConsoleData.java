package trin.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import trin.api.client.ClientOperations;
import trin.api.client.ClientStatus;
import trin.api.client.MessageRecord;
import trin.api.client.SmartClient;
import trin.api.command.CommandHandler;
import trin.api.health.HealthReporter;

/**
 * What the console's pages and endpoints show, as JSON-ready maps, read
 * from the services at each request. The client may come and go (a
 * configuration change restarts it): the console stays and says so.
 */
@Component(service = ConsoleData.class)
public final class ConsoleData {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SmartClient client;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ClientOperations operations;

    @Reference(service = CommandHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    volatile List<ServiceReference<CommandHandler>> handlers = List.of();

    @Reference(service = HealthReporter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    volatile List<ServiceReference<HealthReporter>> reporters = List.of();

    private final HealthHistory history;

    @Activate
    public ConsoleData(@Reference(name = "history") HealthHistory history) {
        this.history = history;
    }

    /** The client's status, or empty while trin.client is not running. */
    Optional<ClientStatus> clientStatus() {
        SmartClient c = client;
        return c == null ? Optional.empty() : Optional.of(c.status());
    }

    /** {@code /trin/status}: what {@code bin/trin status} shows, the counters and the last health values. */
    Map<String, Object> status() {
        Map<String, Object> map = new LinkedHashMap<>();
        Optional<ClientStatus> status = clientStatus();
        if (status.isEmpty()) {
            map.put("state", "NO_CLIENT");
            map.put("connected", false);
            map.put("reason", "trin.client is not running");
        } else {
            ClientStatus s = status.get();
            map.put("state", s.state().name());
            map.put("connected", s.connected());
            map.put("setup", s.local() ? "LOCAL" : "platform");
            map.put("broker", s.broker());
            map.put("uid", s.uid().orElse(null));
            map.put("cid", s.cid().orElse(null));
            map.put("lastConnect", s.lastConnect().map(Object::toString).orElse(null));
            map.put("lastDisconnect", s.lastDisconnect().map(Object::toString).orElse(null));
            map.put("lastDisconnectReason", s.lastDisconnectReason().orElse(null));
            map.put("outboxDepth", s.outboxDepth());
            ClientStatus.Counters c = s.counters();
            Map<String, Object> counters = new LinkedHashMap<>();
            counters.put("sent", c.sent());
            counters.put("received", c.received());
            counters.put("replies", c.replies());
            counters.put("errors", c.errors());
            counters.put("dropped", c.dropped());
            counters.put("reconnects", c.reconnects());
            map.put("counters", counters);
        }
        map.put("health", history.last().map(HealthSample::toMap).orElse(null));
        return map;
    }

    /** The trin page's data: the status, the applications and reporters, the messages and the history. */
    Map<String, Object> page() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status());
        map.put("applications", properties(handlers, CommandHandler.APP_ID));
        map.put("reporters", reporterList());
        ClientOperations ops = operations;
        List<Map<String, Object>> messages = new ArrayList<>();
        if (ops != null) {
            for (MessageRecord m : ops.recentMessages()) {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("time", m.time().toString());
                message.put("direction", m.direction().name());
                message.put("topic", m.topic());
                message.put("size", m.size());
                message.put("payload", m.payload());
                messages.add(message);
            }
        }
        map.put("messages", messages);
        map.put("sampleSeconds", history.sampleSeconds());
        map.put("history", history.samples().stream().map(HealthSample::toMap).toList());
        return map;
    }

    /** @return whether a full report was queued */
    boolean publishFullReport() {
        ClientOperations ops = operations;
        return ops != null && ops.publishFullReport();
    }

    /** @return whether the client was there to restart */
    boolean restartSession() {
        ClientOperations ops = operations;
        if (ops == null) {
            return false;
        }
        ops.restartSession();
        return true;
    }

    private List<Map<String, Object>> reporterList() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceReference<HealthReporter> ref : reporters) {
            Map<String, Object> r = new LinkedHashMap<>();
            Object scope = ref.getProperty(HealthReporter.SCOPE);
            r.put("scope", scope == null ? HealthReporter.SCOPE_APPLICATION : scope.toString());
            r.put("bundle", ref.getBundle() == null ? null : ref.getBundle().getSymbolicName());
            r.put("component", ref.getProperty("component.name"));
            list.add(r);
        }
        return list;
    }

    private static List<Map<String, Object>> properties(List<? extends ServiceReference<?>> refs, String key) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceReference<?> ref : refs) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("pid", String.valueOf(ref.getProperty(key)));
            r.put("bundle", ref.getBundle() == null ? null : ref.getBundle().getSymbolicName());
            list.add(r);
        }
        return list;
    }
}
