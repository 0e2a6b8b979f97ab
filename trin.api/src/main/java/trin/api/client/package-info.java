/**
 * The client's session with the Smart platform, as applications see it:
 * publishing data and events, talking to other devices, reading the state;
 * and, for local tools, the recent messages and the operator's actions.
 */
@Export
@Version("2.1.0")
package trin.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
