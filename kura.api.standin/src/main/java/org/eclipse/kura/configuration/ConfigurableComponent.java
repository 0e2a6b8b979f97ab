package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Kura's marker for a service whose configuration Kura's configuration service manages and its web
 * UI shows: registered with the properties {@code service.pid} and {@code kura.service.pid}. An empty
 * interface, as in Kura.
 */
@ConsumerType
public interface ConfigurableComponent {
}
