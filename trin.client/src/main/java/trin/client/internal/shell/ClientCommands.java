package trin.client.internal.shell;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import trin.api.client.ClientStatus;
import trin.api.client.SmartClient;
import trin.client.internal.codec.PayloadCodec;
import trin.client.internal.settings.SettingView;

/**
 * The client's shell commands: {@code trin:status}, {@code trin:settings}, {@code trin:event}, {@code trin:data}.
 *
 * <p>Each has an overload taking any arguments, which Gogo picks only when no other fits (its
 * coercion prefers exact matches): it returns the command's usage instead of Gogo's "Cannot
 * coerce" error. It never repeats the arguments given.
 */
@Component(service = ClientCommands.class, property = {"osgi.command.scope=trin", "osgi.command.function=status",
        "osgi.command.function=settings", "osgi.command.function=event", "osgi.command.function=data"})
public final class ClientCommands {

    /** Reads what is typed after trin:data; its payload limit is the default's. */
    private static final PayloadCodec JSON = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);

    private final ClientAdmin admin;
    private final SmartClient client;

    @Activate
    public ClientCommands(@Reference ClientAdmin admin, @Reference SmartClient client) {
        this.admin = admin;
        this.client = client;
    }

    static final String STATUS_USAGE = "Usage: trin:status\n"
            + "  shows the connection state, the broker, the identity and the message counters; no arguments";
    static final String SETTINGS_USAGE = "Usage: trin:settings | trin:settings reset\n"
            + "  shows the effective settings and where each comes from | clears the settings changed remotely";
    static final String EVENT_USAGE = "Usage: trin:event <pid> <code> <text>\n"
            + "  publishes an event for an application, as it would: <code> is a whole number, a <text> with spaces "
            + "is quoted\n"
            + "  e.g. trin:event my_app_id 123 'Loop Counter: 1'";
    static final String DATA_USAGE = "Usage: trin:data <pid> <json>\n"
            + "  publishes data for an application, as it would: quote the JSON\n"
            + "  e.g. trin:data my_app_id '{\"temp\":21.5}'";

    @Descriptor("show the connection state, the broker, the identity and the message counters")
    public String status() {
        return describe(admin.status());
    }

    @Descriptor("with arguments: how to use trin:status")
    public String status(@Descriptor("arguments it does not take") Object... arguments) {
        return STATUS_USAGE;
    }

    @Descriptor("show the effective settings and where each comes from")
    public String settings() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-16s %-28s %s%n", "setting", "value", "from"));
        for (SettingView setting : admin.settings()) {
            out.append(String.format("%-16s %-28s %s%n", setting.name(), setting.value(), setting.source()));
        }
        out.append("remote changes are kept in ").append(admin.settingsFile());
        return out.toString();
    }

    @Descriptor("clear the settings changed remotely: the configuration holds again")
    public String settings(@Descriptor("the word 'reset'") String action) {
        if (!"reset".equals(action)) {
            return "Unknown action '" + action + "': use 'trin:settings' or 'trin:settings reset'";
        }
        admin.resetSettings();
        return "Remote settings cleared; the session reconnects with the configured ones.\n" + settings();
    }

    @Descriptor("with other arguments: how to use trin:settings")
    public String settings(@Descriptor("arguments it does not take") Object... arguments) {
        return SETTINGS_USAGE;
    }

    @Descriptor("publish an event for an application, as it would")
    public String event(@Descriptor("the application's PID") String pid, @Descriptor("the event code") int code,
            @Descriptor("what happened") String text) {
        client.publishEvent(pid, code, text);
        return "Queued event " + code + " for " + pid;
    }

    @Descriptor("with other arguments: how to use trin:event")
    public String event(@Descriptor("arguments that do not fit") Object... arguments) {
        return EVENT_USAGE;
    }

    @Descriptor("publish data for an application, as it would")
    public String data(@Descriptor("the application's PID") String pid,
            @Descriptor("the data, as JSON, e.g. {\"temp\":21.5}") String json) {
        Object value;
        try {
            value = JSON.readValue(json);
        } catch (IllegalArgumentException e) {
            return "Not JSON: " + e.getMessage();
        }
        client.publishData(pid, value);
        return "Queued data for " + pid;
    }

    @Descriptor("with other arguments: how to use trin:data")
    public String data(@Descriptor("arguments that do not fit") Object... arguments) {
        return DATA_USAGE;
    }

    static String describe(ClientStatus s) {
        StringBuilder out = new StringBuilder();
        line(out, "state", s.state() + (s.local() ? " (LOCAL development set-up, not the Smart platform)" : ""));
        line(out, "broker", s.broker().isEmpty() ? "-" : s.broker());
        line(out, "uid", s.uid().orElse("-"));
        line(out, "cid", s.cid().orElse("- (not provisioned: run trin:register <username>)"));
        line(out, "last connect", time(s.lastConnect()));
        line(out, "last disconnect", time(s.lastDisconnect()) + s.lastDisconnectReason().map(r -> " (" + r + ")")
                .orElse(""));
        ClientStatus.Counters c = s.counters();
        line(out, "messages", String.format("sent %d, received %d, replies %d, errors %d, dropped %d", c.sent(),
                c.received(), c.replies(), c.errors(), c.dropped()));
        line(out, "reconnects", String.valueOf(c.reconnects()));
        line(out, "outbox", s.outboxDepth() + " waiting");
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format("%-16s %s%n", name, value));
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse("-");
    }
}
