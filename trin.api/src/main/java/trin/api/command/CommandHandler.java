package trin.api.command;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers the commands sent to one application (PID) on this gateway.
 *
 * <p>Implemented by applications. Register it as an OSGi service with the
 * property {@value #APP_ID} set to the PID it answers for; the client picks it
 * up and drops it while it runs. For example, with Declarative Services:
 *
 * <pre>
 * &#64;Component(property = CommandHandler.APP_ID + "=my_app_id")
 * public final class MyApp implements CommandHandler { ... }
 * </pre>
 *
 * <p>A handler that also uses {@link trin.api.client.SmartClient} must
 * reference it dynamically and optionally ({@code policy = DYNAMIC},
 * {@code cardinality = OPTIONAL}): the client references every handler, and a
 * static, mandatory reference back would make a cycle that Declarative
 * Services cannot resolve when the client restarts.
 *
 * <p>Handlers are called on a worker thread of the client, never on the MQTT
 * library's thread, and may be called concurrently for different commands.
 * A handler that takes long delays only its own reply.
 */
@ConsumerType
public interface CommandHandler {

    /**
     * Service property naming the PID (application id) the handler answers
     * for. Its value is a non-empty string other than {@code "0"}, which is the
     * client itself.
     */
    String APP_ID = "trin.app.id";

    /**
     * Runs a command.
     *
     * <p>Return {@link Reply#unknownCommand()} for a command this application
     * does not know. An exception thrown here is answered with
     * {@link ResultCode#F_EXCEPTION} and the exception's message.
     *
     * @param command the parsed command, never {@code null}
     * @return the reply to send if the sender asked for one, never {@code null}
     * @throws Exception when the command fails
     */
    Reply handle(Command command) throws Exception;
}
