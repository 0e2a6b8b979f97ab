/**
 * Commands sent to the gateway and the replies to them.
 *
 * <p>An application answers commands for its own PID by registering a
 * {@link trin.api.command.CommandHandler} service with the property
 * {@value trin.api.command.CommandHandler#APP_ID}.
 */
@Export
@Version("1.0.0")
package trin.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
