/**
 * Health reporting: the checks whose data the client publishes on connect and
 * in its periodic report.
 */
@Export
@Version("1.0.0")
package trin.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
