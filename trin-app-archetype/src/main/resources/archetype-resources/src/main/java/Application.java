package ${package};

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.SmartClient;
import trin.api.command.Command;
import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.api.health.Detail;
import trin.api.health.HealthReporter;

/**
 * The application: a Declarative Services component that trin's client calls for every command sent
 * to this gateway for the application id {@value #APP_ID} (topic {@code CID/UID/${appId}/<}), and whose
 * reply it publishes on {@code CID/UID/${appId}/>/<token>}.
 *
 * <ul>
 * <li>{@code ["echo","abc"]} answers {@code {"x":[0,0,"abc"]}} and publishes the event
 * {@code eventCode} "echo N: abc" through the {@link SmartClient};</li>
 * <li>any other command answers -100 ("RPC Not implemented").</li>
 * </ul>
 *
 * <p>It reports its health under the key {@value #APP_ID} of the gateway's health reports, and is
 * configured under the PID {@value #PID} ({@link ApplicationConfiguration}), which changes in place.
 * Handlers run on the client's worker threads, several at once: the state here is thread-safe.
 */
@Component(service = {CommandHandler.class, HealthReporter.class},
        immediate = true, // active from the start, not when the client first gets it: see the client reference
        configurationPid = Application.PID,
        property = CommandHandler.APP_ID + "=" + Application.APP_ID)
@Designate(ocd = ApplicationConfiguration.class)
public final class Application implements CommandHandler, HealthReporter {

    /** The Smart application id: the PID level of the topics this application answers on. */
    public static final String APP_ID = "${appId}";

    /** The configuration PID, also the id of the metatype that describes it. */
    public static final String PID = "${package}";

    /** The result code of an echo without an argument: the application's own codes lie outside -200..200. */
    public static final int NO_ARGUMENT = -300;

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    /**
     * The client, while there is one. Optional and dynamic: the client uses this component's services
     * (every CommandHandler and HealthReporter), so a mandatory reference back would be a cycle that SCR
     * cannot resolve when the client restarts; and the application keeps running while it does. The
     * component is immediate for the same reason: activated by the client's first getService, it would bind
     * the client while the client activates, and SCR would log "Circular reference detected".
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SmartClient client;

    private final AtomicLong echoes = new AtomicLong();
    private volatile int eventCode;

    /**
     * DS calls this constructor with the component's configuration.
     *
     * @param config the configuration of PID {@value #PID}
     */
    @Activate
    public Application(ApplicationConfiguration config) {
        modified(config);
    }

    /** For tests: as DS would, with a client bound. */
    Application(ApplicationConfiguration config, SmartClient client) {
        this(config);
        this.client = client;
    }

    /** A new configuration applies in place: the handler stays registered. */
    @Modified
    void modified(ApplicationConfiguration config) {
        eventCode = config.eventCode();
        LOG.info("Application {} configured: event code {}", APP_ID, eventCode);
    }

    @Override
    public Reply handle(Command command) {
        return switch (command.name()) {
            case "echo" -> echo(command.args());
            default -> Reply.unknownCommand();
        };
    }

    private Reply echo(List<Object> args) {
        if (args.isEmpty()) {
            return Reply.failure(NO_ARGUMENT, "echo needs an argument");
        }
        Object first = args.get(0);
        long n = echoes.incrementAndGet();
        publishEvent("echo " + n + ": " + first);
        return Reply.ok(first);
    }

    private void publishEvent(String text) {
        SmartClient current = client; // the volatile field, read once
        if (current == null) {
            LOG.debug("No client to publish '{}' with", text);
            return;
        }
        try {
            current.publishEvent(APP_ID, eventCode, text);
        } catch (RuntimeException e) {
            LOG.warn("Could not publish '{}': {}", text, e.toString());
        }
    }

    /** The key of this application's part of the health reports. */
    @Override
    public String name() {
        return APP_ID;
    }

    @Override
    public Map<String, Object> report(Detail detail) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("healthy", true);
        health.put("echoes", echoes.get());
        health.put("event_code", eventCode);
        return health;
    }
}
