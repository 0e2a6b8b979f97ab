package trin.api.client;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import trin.api.command.Reply;

/**
 * The gateway's session with a Smart-MQTT broker.
 *
 * <p>Implemented by trin.client; applications get it as a service. No method
 * blocks on the network: a message is queued and sent when the session is up.
 * Messages at QoS 1 or 2 queued while the gateway is disconnected wait in a
 * bounded outbox that survives a restart; when it is full, the oldest are
 * dropped and counted in {@link ClientStatus.Counters#dropped()}.
 *
 * <p>A PID (application id) is any non-empty string without {@code /},
 * {@code +} or {@code #}; {@code "0"} is the client itself.
 */
@ProviderType
public interface SmartClient {

    /**
     * Publishes data for an application at the default QoS.
     *
     * @param pid the application the data belongs to
     * @param data any JSON value as a plain Java object (maps, lists, strings,
     *        numbers, booleans, {@code null})
     * @throws IllegalArgumentException if the PID is not valid or the data
     *         cannot be written as JSON
     */
    void publishData(String pid, Object data);

    /**
     * Publishes data for an application.
     *
     * @param pid the application the data belongs to
     * @param data any JSON value as a plain Java object
     * @param qos the MQTT quality of service, 0, 1 or 2
     * @throws IllegalArgumentException if the PID or the QoS is not valid or
     *         the data cannot be written as JSON
     */
    void publishData(String pid, Object data, int qos);

    /**
     * Publishes one event that happened now for an application, at the default
     * QoS.
     *
     * @param pid the application the event belongs to
     * @param code the event code, the application's own
     * @param description what happened, or {@code null}
     * @throws IllegalArgumentException if the PID is not valid
     */
    void publishEvent(String pid, int code, String description);

    /**
     * Publishes events for an application in one message.
     *
     * @param pid the application the events belong to
     * @param events the events, at least one
     * @param qos the MQTT quality of service, 0, 1 or 2
     * @throws IllegalArgumentException if the PID or the QoS is not valid or
     *         there is no event
     */
    void publishEvents(String pid, List<Event> events, int qos);

    /**
     * Sends a command to an application on another device of the same
     * customer, and waits for its reply without blocking.
     *
     * <p>The future completes with the reply, matched by a token chosen here,
     * or exceptionally with a {@link java.util.concurrent.TimeoutException}
     * when no reply came in the configured time.
     *
     * @param fromPid the application sending the command (the reply comes back
     *        to it)
     * @param targetUid the UID of the other device
     * @param targetPid the application on the other device
     * @param name the command's name
     * @param args the command's arguments, JSON values as plain Java objects
     * @return the reply to come
     * @throws IllegalArgumentException if a PID or the UID is not valid
     */
    CompletionStage<Reply> sendCommand(String fromPid, String targetUid, String targetPid,
            String name, List<?> args);

    /**
     * The session's state and counters at this moment.
     *
     * @return a snapshot, never {@code null}
     */
    ClientStatus status();
}
