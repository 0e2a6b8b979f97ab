package trin.client.internal;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
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
    private static final String CLIENT = "trin.client";
    private static final long REFRESH_WAIT_SECONDS = 60;

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

    /**
     * Stops the trin bundles (the client first, so that the platform sees one
     * goodbye), updates each, refreshes them, and starts again those that were
     * running: one disconnect and one connect, whatever the number of bundles.
     * Everything from this bundle's context is taken first: it is no longer
     * valid once this bundle has stopped.
     */
    void upgrade() {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<Bundle> trin = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith(PREFIX)) {
                trin.add(bundle);
            }
        }
        trin.sort(Comparator.comparing((Bundle b) -> !CLIENT.equals(b.getSymbolicName())));
        List<Bundle> running = new ArrayList<>();
        for (Bundle bundle : trin) {
            if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
                running.add(bundle);
            }
        }
        // Sorted now: after the refresh, this class's old revision must not need anything new.
        List<Bundle> restart = new ArrayList<>(running);
        restart.sort(Comparator.comparingLong(Bundle::getBundleId));
        running.forEach(Upgrader::stop);
        List<Bundle> updated = new ArrayList<>();
        for (Bundle bundle : trin) {
            if (update(bundle)) {
                updated.add(bundle);
            }
        }
        refresh(wiring, updated);
        for (Bundle bundle : restart) {
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                LOG.warn("Starting bundle {} after the upgrade failed: {}", bundle.getSymbolicName(), e.toString());
            }
        }
        LOG.info("Upgraded {} of {} trin bundles", updated.size(), trin.size());
    }

    private static void stop(Bundle bundle) {
        try {
            bundle.stop(Bundle.STOP_TRANSIENT);
        } catch (BundleException | RuntimeException e) {
            LOG.warn("Stopping bundle {} for the upgrade failed: {}", bundle.getSymbolicName(), e.toString());
        }
    }

    private boolean update(Bundle bundle) {
        String name = bundle.getSymbolicName();
        try {
            if (location.isEmpty()) {
                bundle.update();
            } else {
                try (InputStream in = open(name)) {
                    bundle.update(in);
                }
            }
            LOG.info("Updated bundle {}", name);
            return true;
        } catch (Exception e) {
            LOG.warn("Updating bundle {} failed: {}", name, e.toString());
            return false;
        }
    }

    /** Refreshes and waits for it, so that the bundles start on their new revisions. */
    private static void refresh(FrameworkWiring wiring, List<Bundle> updated) {
        if (updated.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(updated, event -> done.countDown());
        try {
            if (!done.await(REFRESH_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Refreshing the trin bundles took longer than {} s", REFRESH_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
