/**
 * The client's session with the Smart platform, as applications see it:
 * publishing data and events, talking to other devices, reading the state.
 */
@Export
@Version("2.0.0")
package trin.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
