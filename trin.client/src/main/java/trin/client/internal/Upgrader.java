package trin.client.internal;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates the trin bundles in place ({@code upgrade_client}) and refreshes
 * them, without restarting the JVM. Runs on a thread of its own: the client
 * component is itself among the bundles updated, and a component cannot wait
 * for its own deactivation.
 */
final class Upgrader {

    private static final Logger LOG = LoggerFactory.getLogger(Upgrader.class);
    private static final String PREFIX = "trin.";

    private final BundleContext context;
    private final String location;

    /**
     * @param location a directory or URL prefix holding {@code <symbolic-name>.jar}; empty means each bundle's
     *        own location
     */
    Upgrader(BundleContext context, String location) {
        this.context = context;
        this.location = location == null ? "" : location.trim();
    }

    void upgradeInBackground() {
        Thread thread = new Thread(this::upgrade, "trin-upgrade");
        thread.setDaemon(false);
        thread.start();
    }

    void upgrade() {
        // Taken first: once this bundle has updated itself, its context is no longer valid.
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<Bundle> updated = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith(PREFIX)) {
                continue;
            }
            try {
                if (location.isEmpty()) {
                    bundle.update();
                } else {
                    try (InputStream in = open(name)) {
                        bundle.update(in);
                    }
                }
                updated.add(bundle);
                LOG.info("Updated bundle {}", name);
            } catch (Exception e) {
                LOG.warn("Updating bundle {} failed: {}", name, e.toString());
            }
        }
        if (!updated.isEmpty()) {
            wiring.refreshBundles(updated);
            LOG.info("Refreshed {} trin bundles", updated.size());
        }
    }

    private InputStream open(String symbolicName) throws Exception {
        Path dir = Path.of(location);
        if (Files.isDirectory(dir)) {
            return Files.newInputStream(dir.resolve(symbolicName + ".jar"));
        }
        String prefix = location.endsWith("/") ? location : location + "/";
        return URI.create(prefix + symbolicName + ".jar").toURL().openStream();
    }
}
