package trin.examples.sample;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * The sample application of the Python client, done the OSGi way: start your
 * own application by copying this class.
 *
 * <p>An application is a Declarative Services component in a bundle of its
 * own. It never talks MQTT itself; trin.client does, and the application
 * takes part through three services of {@code trin.api}:
 *
 * <ul>
 * <li>It <em>provides</em> a {@link CommandHandler}, registered with the
 * service property {@value CommandHandler#APP_ID}{@code =}{@value #APP_ID}:
 * every command sent to this device for PID {@value #APP_ID} (the topic
 * {@code CID/UID/my_app_id/</...}) comes to {@link #handle(Command)}, and the
 * {@link Reply} it returns is published on {@code CID/UID/my_app_id/>/TCT}
 * when the sender asked for one. The handler runs on a worker thread of the
 * client, so it may take its time, and it may be called for several commands
 * at once: keep its state thread-safe.</li>
 * <li>It <em>provides</em> a {@link HealthReporter} named {@value #APP_ID}: its
 * map is in every health report the client publishes, under the key
 * {@value #APP_ID}. Report on the equipment the application looks after.</li>
 * <li>It <em>uses</em> the {@link SmartClient} to publish events (and data)
 * whenever it likes. Publishing never blocks: while the gateway is offline,
 * messages wait in the client's outbox. The client uses the two services
 * above, so the application takes the client through an optional, dynamic
 * reference: it must not need the client to start, or the two would wait
 * for each other.</li>
 * </ul>
 *
 * <p>Try it with the seed's command, which asks for the sum of 1, 2 and 3 and
 * gets {@code {"x":[0,0,6]}} back on {@code CID/UID/my_app_id/>/>a_tct}:
 *
 * <pre>
 * mosquitto_pub -h localhost -p 1883 -t 'CID/UID/my_app_id/&lt;/' -q 1 \
 *   -m '{"c": [123456789,"&gt;a_tct", ["sum_these",1,2,3]]}'
 * </pre>
 *
 * <p>The component is {@code immediate}: it has work of its own (the periodic
 * event), so it runs from the start, not only while someone uses its
 * services. It is configured under the PID {@value SampleConfiguration#PID}
 * ({@link SampleConfiguration}); a new configuration restarts it.
 */
@Component(service = {CommandHandler.class, HealthReporter.class},
        immediate = true,
        configurationPid = SampleConfiguration.PID,
        property = CommandHandler.APP_ID + "=" + SampleApplication.APP_ID)
@Designate(ocd = SampleConfiguration.class)
public final class SampleApplication implements CommandHandler, HealthReporter {

    /** The PID (application id) this application answers for; on Smart, it ties up with an asset id. */
    public static final String APP_ID = "my_app_id";

    /** The code of the periodic "Loop Counter" event: event codes are the application's own. */
    public static final int LOOP_EVENT = 123;

    /**
     * The result code for arguments that are not numbers. Codes from -200 to
     * 200 belong to the protocol, so an application's own failures use codes
     * outside that range.
     */
    public static final int BAD_ARGUMENTS = -300;

    private static final Logger LOG = LoggerFactory.getLogger(SampleApplication.class);

    /**
     * The client, while there is one. The reference is optional and dynamic,
     * so the application keeps running (and keeps its state) while the
     * client restarts, and no cycle arises: the client uses this component's
     * services, so this component must not need the client to start.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SmartClient client;

    private final ScheduledExecutorService timer;
    private final AtomicLong loops = new AtomicLong();
    private volatile String lastCommand = "";

    /**
     * DS calls this constructor with the component's configuration.
     *
     * @param config this component's configuration
     */
    @Activate
    public SampleApplication(SampleConfiguration config) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trin-examples-" + APP_ID);
            thread.setDaemon(true);
            return thread;
        });
        int interval = config.eventInterval();
        if (interval > 0) {
            timer.scheduleAtFixedRate(this::loop, interval, interval, TimeUnit.SECONDS);
        }
        LOG.info("Sample application {} started: answers sum_these; a 'Loop Counter' event {}", APP_ID,
                interval > 0 ? "every " + interval + " s" : "never (eventInterval=0)");
    }

    /** For tests: as DS would, with a client bound. */
    SampleApplication(SampleConfiguration config, SmartClient client) {
        this(config);
        this.client = client;
    }

    /** DS calls this when the component stops: stop every thread the component started. */
    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        LOG.info("Sample application {} stopped", APP_ID);
    }

    /**
     * Answers a command. Unknown commands get {@link Reply#unknownCommand()}
     * (code -100), as the protocol asks.
     */
    @Override
    public Reply handle(Command command) {
        lastCommand = command.name();
        LOG.debug("Command {} {} from '{}'", command.name(), command.args(), command.sender());
        return switch (command.name()) {
            case "sum_these" -> sumThese(command.args());
            default -> Reply.unknownCommand();
        };
    }

    /**
     * {@code sum_these}: the sum of the arguments, 0 when there are none. Any
     * argument that is not a number fails the command with
     * {@value #BAD_ARGUMENTS} and the text {@code "NAC arguments must be numbers"}.
     *
     * @param args the command's arguments, as JSON values
     * @return the reply, with a whole number when every argument is one
     */
    static Reply sumThese(List<Object> args) {
        OptionalLong small = longSum(args);
        if (small.isPresent()) {
            return Reply.ok(small.getAsLong());
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean whole = true;
        for (Object arg : args) {
            if (!(arg instanceof Number number) || !finite(number)) {
                return Reply.failure(BAD_ARGUMENTS, "arguments must be numbers");
            }
            whole &= number instanceof Integer || number instanceof Long || number instanceof BigInteger;
            sum = sum.add(new BigDecimal(number.toString()));
        }
        if (!whole) {
            return Reply.ok(sum);
        }
        BigInteger total = sum.toBigIntegerExact();
        return Reply.ok(total.bitLength() < Long.SIZE ? (Object) total.longValue() : total);
    }

    /** The sum when every argument is an Integer or a Long and the sum fits a long, as commands mostly carry. */
    private static OptionalLong longSum(List<Object> args) {
        long sum = 0;
        for (Object arg : args) {
            if (!(arg instanceof Integer || arg instanceof Long)) {
                return OptionalLong.empty();
            }
            try {
                sum = Math.addExact(sum, ((Number) arg).longValue());
            } catch (ArithmeticException overflow) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(sum);
    }

    private static boolean finite(Number number) {
        return !(number instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(number instanceof Float f && (f.isNaN() || f.isInfinite()));
    }

    /** The periodic work of the application; here, an event with a counter, as the Python sample sent. */
    void loop() {
        long n = loops.incrementAndGet();
        SmartClient current = client; // read the volatile field once
        if (current == null) {
            LOG.debug("No client to publish loop event {} with", n);
            return;
        }
        try {
            current.publishEvent(APP_ID, LOOP_EVENT, "Loop Counter: " + n);
        } catch (RuntimeException e) {
            // An exception would end the periodic task for good: log it and go on.
            LOG.warn("Could not publish the loop event {}: {}", n, e.toString());
        }
    }

    /** The key of this application's data in the health reports. */
    @Override
    public String name() {
        return APP_ID;
    }

    /**
     * The application's health: whatever tells an operator that it works.
     * Here, how often the loop ran, the last command, and a verdict.
     */
    @Override
    public Map<String, Object> report(Detail detail) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("healthy", !timer.isShutdown());
        health.put("loops", loops.get());
        health.put("last_command", lastCommand);
        return health;
    }
}
