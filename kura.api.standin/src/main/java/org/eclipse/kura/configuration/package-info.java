/**
 * A stand-in for Eclipse Kura's {@code org.eclipse.kura.configuration} package, version 1.2.0 as Kura
 * 5.x exports it from {@code org.eclipse.kura.api}: only the type trin.kura uses. Compile and test
 * use only; a Kura installation has the real package.
 */
@Export
@Version("1.2.0")
package org.eclipse.kura.configuration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
