package trin.apptest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import trin.devbroker.SmartBroker;

/**
 * The Smart platform as one gateway sees it, for an application's tests: trin's development broker
 * (checking Smart passwords) on 127.0.0.1 with the device registered, a real OSGi framework running
 * trin's gateway bundles and the application under test, connected to it, and an operator's MQTT
 * client that sends commands as the server does and records everything the gateway publishes.
 *
 * <p>Get one from {@link TrinGateway} (a test method's parameter). Every {@code await} waits for a
 * condition, never for a time, up to {@link #timeout()}, and fails with what it waited for and the last
 * messages seen: {@code no reply on my_app/>/t1 within 10 s; last messages seen (of 3): ...}.
 */
public final class Platform implements AutoCloseable {

    /** The customer id (CID) of the device. */
    public static final String CID = "12345678";
    /** The device's UID (set in configuration {@code trin.hw.linux}, whatever the machine). */
    public static final String UID = "202481587074134";
    /** The sender level of the server, {@code CID/UID/pid/</000000000000000}. */
    public static final String SERVER = "000000000000000";

    private final Path dir;
    private final SmartBroker broker;
    private final Probe probe;
    private final Gateway gateway;
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile Duration timeout;
    private final HealthReports health = new HealthReports(this);

    Platform(Path dir, SmartBroker broker, Probe probe, Gateway gateway, Duration timeout) {
        this.dir = dir;
        this.broker = broker;
        this.probe = probe;
        this.gateway = gateway;
        this.timeout = timeout;
    }

    Probe probe() {
        return probe;
    }

    /** How long each {@code await} waits: 10 s unless set. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Sets how long each {@code await} waits from now on.
     *
     * @param timeout the new timeout
     * @return this platform
     */
    public Platform timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** @return the device's customer id, {@value #CID} */
    public String cid() {
        return CID;
    }

    /** @return the device's UID, {@value #UID} */
    public String uid() {
        return UID;
    }

    /**
     * The topic of this device for an application and levels: {@code topic("my_app", ">", "t1")} is
     * {@code CID/UID/my_app/>/t1}.
     *
     * @param appId the application id (the topic's PID level)
     * @param levels further levels
     * @return the topic
     */
    public String topic(String appId, String... levels) {
        return CID + '/' + UID + '/' + appId + (levels.length == 0 ? "" : '/' + String.join("/", levels));
    }

    // Commands

    /**
     * Sends a command as the server and waits for its reply: {@code call("my_app", "echo", "abc")}
     * publishes {@code {"c":[0,"t1",["echo","abc"]]}} on {@code CID/UID/my_app/</000000000000000} and
     * returns the reply from {@code CID/UID/my_app/>/t1}.
     *
     * @param appId the application id (the topic's PID level, the handler's {@code trin.app.id})
     * @param name the command
     * @param args its arguments, as JSON values (String, Number, Boolean, List, Map, null)
     * @return the reply
     * @throws AssertionError when no reply comes within {@link #timeout()}
     */
    public CommandReply call(String appId, String name, Object... args) {
        String token = "t" + tokens.incrementAndGet();
        int from = probe.next();
        send(appId, token, name, args);
        return awaitReply(from, appId, token);
    }

    /**
     * Sends a command as the server without waiting: for a reply that {@link #awaitReply} then awaits,
     * or for a command that asks for none.
     *
     * @param appId the application id
     * @param token the reply's token, the last level of the reply's topic
     * @param name the command
     * @param args its arguments
     */
    public void send(String appId, String token, String name, Object... args) {
        probe.publish(topic(appId, "<", SERVER), Wire.command(token, name, args));
    }

    /**
     * Waits for the reply with that token (the first one, from the start).
     *
     * @param appId the application id
     * @param token the command's token
     * @return the reply
     * @throws AssertionError "no reply on my_app/>/t1 within 10 s; last messages seen: ..."
     */
    public CommandReply awaitReply(String appId, String token) {
        return awaitReply(0, appId, token);
    }

    private CommandReply awaitReply(int from, String appId, String token) {
        String topic = topic(appId, ">", token);
        return probe.await(from, m -> Wire.reply(m, topic), timeout, "reply on " + appId + "/>/" + token);
    }

    // Events and data

    /**
     * Waits for an event the application published (on {@code CID/UID/appId/>}) that meets a condition,
     * among every event since the start.
     *
     * @param appId the application id
     * @param what the awaited event in words, for the failure message
     * @param condition the condition
     * @return the first such event
     */
    public AppEvent awaitEvent(String appId, String what, Predicate<AppEvent> condition) {
        return awaitEvent(0, appId, what, condition);
    }

    /**
     * Waits for an event of that code for the application, among every event since the start.
     *
     * @param appId the application id
     * @param code the event code
     * @return the first such event
     */
    public AppEvent awaitEvent(String appId, int code) {
        return awaitEvent(appId, "event " + code, e -> e.code() == code);
    }

    /**
     * Waits for an event of that code that arrives after {@code after}: for events a test has just
     * caused. {@link #mark()} gives the marker.
     *
     * @param after a marker from {@link #mark()}
     * @param appId the application id
     * @param code the event code
     * @return the first such event
     */
    public AppEvent awaitEventAfter(int after, String appId, int code) {
        return awaitEvent(after, appId, "event " + code + " after message " + after, e -> e.code() == code);
    }

    private AppEvent awaitEvent(int from, String appId, String what, Predicate<AppEvent> condition) {
        String topic = topic(appId, ">");
        return probe.await(from, m -> Wire.events(m, topic).stream().filter(condition).findFirst(), timeout,
                what + " on " + appId + "/>");
    }

    /**
     * Waits for data the application published ({@code {"d":[ts, data]}} on {@code CID/UID/appId/>}) that
     * meets a condition, among all since the start.
     *
     * @param appId the application id
     * @param condition a condition on the data, as a Java value (Map, List, String, Number...)
     * @return the data
     */
    public Object awaitData(String appId, Predicate<Object> condition) {
        String topic = topic(appId, ">");
        return probe.await(0, m -> Wire.data(m, topic).filter(condition), timeout, "matching data on " + appId + "/>");
    }

    // Health

    /**
     * Asks the device for its full data ({@code pub_full_data}) and returns the part of a health
     * reporter: what the application's {@code HealthReporter} of that name reported.
     *
     * @param reporter the reporter's name (an application reports under its own key)
     * @return its part of the report
     * @throws AssertionError when the report does not come, or has no part of that name
     */
    public Map<String, Object> health(String reporter) {
        return health.part(reporter);
    }

    /**
     * Asks for health reports until the reporter's part meets a condition: for a change the
     * application applies in its own time (a new configuration, say).
     *
     * @param reporter the reporter's name
     * @param what the awaited state in words, for the failure message
     * @param condition the condition on its part
     * @return the first part that met it
     */
    public Map<String, Object> awaitHealth(String reporter, String what, Predicate<Map<String, Object>> condition) {
        return health.await(reporter, what, condition);
    }

    // Configuration and session

    /**
     * Creates or replaces a configuration through Configuration Admin, as a console or {@code .cfg}
     * file would. The application gets it in its own time: await its effect.
     *
     * @param pid the configuration PID
     * @param properties its properties
     */
    public void configure(String pid, Map<String, ?> properties) {
        gateway.configure(pid, properties);
    }

    /**
     * Restarts the gateway's session: stops the client bundle (it says goodbye and disconnects) and
     * starts it again, and waits until the device has connected anew.
     */
    public void restartSession() {
        Bundle client = gateway.bundle("trin.client");
        int from = probe.next();
        try {
            client.stop();
            client.start();
        } catch (BundleException e) {
            throw new IllegalStateException("could not restart trin.client: " + e, e);
        }
        awaitConnect(from, timeout);
    }

    /**
     * A marker for "from now on": the index the next message will have.
     *
     * @return the marker
     */
    public int mark() {
        return probe.next();
    }

    /** @return every message received so far, in arrival order */
    public List<Message> messages() {
        return probe.messages();
    }

    void awaitConnect(int from, Duration within) {
        String topic = topic("0", ">");
        try {
            probe.awaitMessage(from, m -> m.topic().equals(topic) && m.text().contains(",102,"), within,
                    "connect event (102) on 0/>");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nbundles: " + gateway.bundleStates(), e);
        }
    }

    /** Stops the gateway (the client says goodbye while the broker is there), then the probe and the broker. */
    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            probe.close();
            broker.close();
            TrinGateway.delete(dir);
        }
    }
}
