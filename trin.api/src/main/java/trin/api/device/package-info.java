/**
 * The device: its identity on the Smart platform and its credentials.
 */
@Export
@Version("1.0.0")
package trin.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
