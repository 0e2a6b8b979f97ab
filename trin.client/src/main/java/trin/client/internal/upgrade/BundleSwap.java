package trin.client.internal.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replacement of the trin bundles, for an upgrade and for its rollback
 * alike: stop the running ones (the client first: one goodbye), update those
 * with a jar, refresh them and wait for it, start them again in bundle order.
 *
 * <p>Like {@link Upgrader}, it may run on the old revision's classes after the
 * refresh (a rollback): it is loaded, and its lambdas linked, by the first
 * replacement, before any bundle stops, and it uses the system bundle's
 * context.
 */
final class BundleSwap {

    private static final Logger LOG = LoggerFactory.getLogger(BundleSwap.class);
    private static final String CLIENT = "trin.client";
    private static final long REFRESH_WAIT_SECONDS = 60;

    private final BundleContext system;

    BundleSwap(BundleContext system) {
        this.system = system;
    }

    /** Stops the running trin bundles, updates the given ones, refreshes, starts: the first failure, or null. */
    String replace(List<Bundle> running, Map<String, Staging.Staged> jars) {
        List<Bundle> order = new ArrayList<>(running);
        order.sort(Comparator.comparing((Bundle b) -> !CLIENT.equals(b.getSymbolicName())));
        order.forEach(BundleSwap::stop);
        String failure = null;
        List<Bundle> updated = new ArrayList<>();
        for (Staging.Staged s : jars.values()) {
            try (InputStream in = Files.newInputStream(s.jar())) {
                s.bundle().update(in);
                updated.add(s.bundle());
                LOG.info("Updated bundle {} to {}", s.bundle().getSymbolicName(), s.bundle().getVersion());
            } catch (IOException | BundleException | RuntimeException e) {
                failure = failure != null ? failure : "updating " + s.bundle().getSymbolicName() + " failed: " + e;
            }
        }
        refresh(updated);
        List<Bundle> restart = new ArrayList<>(running);
        restart.sort(Comparator.comparingLong(Bundle::getBundleId));
        for (Bundle bundle : restart) {
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                LOG.warn("Starting bundle {} failed: {}", bundle.getSymbolicName(), e.getMessage());
                failure = failure != null ? failure : bundle.getSymbolicName() + " did not start: " + e.getMessage();
            }
        }
        return failure;
    }

    static boolean running(Bundle bundle) {
        return bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
    }

    private static void stop(Bundle bundle) {
        try {
            bundle.stop(Bundle.STOP_TRANSIENT);
        } catch (BundleException | RuntimeException e) {
            LOG.warn("Stopping bundle {} for the upgrade failed: {}", bundle.getSymbolicName(), e.toString());
        }
    }

    /** Refreshes and waits for it, so that the bundles start on their new revisions. */
    private void refresh(List<Bundle> updated) {
        if (updated.isEmpty()) {
            return;
        }
        FrameworkWiring wiring = system.getBundle().adapt(FrameworkWiring.class);
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
}
