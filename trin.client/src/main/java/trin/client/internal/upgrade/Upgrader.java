package trin.client.internal.upgrade;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.Event;
import trin.api.client.EventCodes;
import trin.client.internal.upgrade.UpgradeRecord.State;

/**
 * {@code upgrade_client}: updates the trin bundles in place, and puts the
 * previous versions back by itself when the new ones do not work.
 *
 * <ol>
 * <li>{@link #prepare()}, while the command is answered: fetches each new jar
 * into the client's data area and checks it (published SHA-256, signed by
 * a key of {@code upgradeTrust}, symbolic name); a wrong jar, or no trust
 * configured, refuses the whole upgrade, before anything changes.</li>
 * <li>{@link #upgradeInBackground()}: keeps a copy of each bundle it will
 * update, writes an {@link UpgradeRecord} (trial, deadline), stops the trin
 * bundles (the client first: one goodbye), updates, refreshes, starts them
 * ({@link BundleSwap}).</li>
 * <li>If a bundle fails to update, resolve or start, or the new client does
 * not reach CONNECTED before the deadline ({@code upgradeRollbackAfter}), the
 * copies are put back the same way. The client reports either outcome with an
 * event once connected ({@link #connected()}).</li>
 * </ol>
 *
 * <p>The upgrade runs on a thread of its own: the client component is itself
 * among the bundles updated. After the refresh that thread runs on the old
 * revision's classes, whose class loader can load nothing new; it works from
 * the system bundle's context (this bundle's is invalid once it stops) and
 * uses only classes loaded before, and the JDK. If the JVM restarts during a
 * trial, the client that starts resumes the watch ({@link #resume()}).
 */
public final class Upgrader {

    /** A system property set while an upgrade is watched in this JVM. */
    static final String WATCHING = "trin.upgrade.watching";

    private static final Logger LOG = LoggerFactory.getLogger(Upgrader.class);
    private static final String PREFIX = "trin.";
    private static final long POLL_MILLIS = 250;

    private final BundleContext system;
    private final Path dir;
    private final String location;
    private final String trust;
    private final Duration trial;
    private final Clock clock;
    private Map<String, Staging.Staged> staged = Map.of();

    /**
     * @param context the client bundle's context
     * @param location a directory or URL prefix holding {@code <bsn>.jar}; empty for each bundle's own location
     * @param trust configuration {@code upgradeTrust}: the PEM file of the keys whose signatures the jars must carry
     * @param trial how long the new bundles have to connect before they are rolled back
     */
    public Upgrader(BundleContext context, String location, String trust, Duration trial, Clock clock) {
        this.system = context.getBundle(Constants.SYSTEM_BUNDLE_ID).getBundleContext();
        File data = context.getDataFile("upgrade");
        this.dir = data == null ? Path.of(System.getProperty("java.io.tmpdir"), "trin-upgrade") : data.toPath();
        this.location = location == null ? "" : location.trim();
        this.trust = trust == null ? "" : trust.trim();
        this.trial = trial;
        this.clock = clock;
    }

    /** Fetches and checks the new jars. Empty when the upgrade can go on; else why it cannot, for the reply. */
    public synchronized Optional<String> prepare() {
        Optional<UpgradeRecord> current = UpgradeRecord.read(dir);
        if (current.isPresent() && current.get().state() == State.TRIAL) {
            return Optional.of("an upgrade is on trial until " + current.get().deadline());
        }
        try {
            UpgradeTrust keys = UpgradeTrust.read(trust);
            staged = new Staging(location, dir.resolve("staged"), keys).stage(trinBundles());
            return Optional.empty();
        } catch (Staging.Refused e) {
            LOG.warn("upgrade_client refused: {}", e.getMessage());
            deleteTree(dir.resolve("staged"));
            return Optional.of(e.getMessage());
        }
    }

    public void upgradeInBackground() {
        Thread thread = new Thread(this::upgrade, "trin-upgrade");
        thread.setDaemon(false);
        thread.start();
    }

    /** After a JVM restart during a trial: watch it again, as the thread that started it is gone. */
    public void resume() {
        Optional<UpgradeRecord> record = UpgradeRecord.read(dir);
        if (record.isPresent() && record.get().state() == State.TRIAL && System.getProperty(WATCHING) == null) {
            LOG.info("Resuming the watch of the upgrade {} (until {})", record.get().changes(), record.get().deadline());
            Thread thread = new Thread(() -> watching(() -> watch(record.get())), "trin-upgrade");
            thread.setDaemon(false);
            thread.start();
        }
    }

    /**
     * The client connected: if that ends an upgrade's trial or follows a
     * rollback, the event that says so (once).
     *
     * @param since when the connected session began: a session older than the trial is not the new client
     */
    public Optional<Event> connected(Instant since) {
        Optional<UpgradeRecord> found = UpgradeRecord.read(dir);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        UpgradeRecord record = found.get();
        try {
            switch (record.state()) {
                case TRIAL -> {
                    if (since.isBefore(record.started())) {
                        return Optional.empty();
                    }
                    record.with(State.CONFIRMED, "").write(dir);
                    LOG.info("Upgrade confirmed, the client connected: {}", record.changes());
                    return Optional.of(Event.now(EventCodes.UPGRADED, "Upgraded: " + record.changes()));
                }
                case ROLLED_BACK -> {
                    clear();
                    return Optional.of(Event.now(EventCodes.UPGRADE_ROLLED_BACK,
                            "Upgrade rolled back (" + record.reason() + "): " + record.changes()));
                }
                default -> {
                    if (System.getProperty(WATCHING) == null) {
                        clear();
                    }
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot record the upgrade's outcome in {}: {}", dir, e.toString());
            return Optional.empty();
        }
    }

    private synchronized void upgrade() {
        List<Bundle> trin = trinBundles();
        List<Bundle> running = trin.stream().filter(BundleSwap::running).toList();
        Map<String, String> from = new LinkedHashMap<>();
        Map<String, String> to = new LinkedHashMap<>();
        try {
            for (Staging.Staged s : staged.values()) {
                BundleJars.write(s.bundle(), backup(s.bundle().getSymbolicName()));
                from.put(s.bundle().getSymbolicName(), s.bundle().getVersion().toString());
                to.put(s.bundle().getSymbolicName(), s.version());
            }
            List<String> restart = running.stream().sorted(Comparator.comparingLong(Bundle::getBundleId))
                    .map(Bundle::getSymbolicName).toList();
            Instant started = clock.instant();
            UpgradeRecord record = new UpgradeRecord(State.TRIAL, from, to, restart, started, started.plus(trial), "");
            record.write(dir);
            LOG.info("Upgrading {}; the new bundles have {} s to connect", record.changes(), trial.toSeconds());
            watching(() -> {
                String failure = new BundleSwap(system).replace(running, staged);
                if (failure != null) {
                    rollBack(record, failure);
                } else {
                    watch(record);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Upgrade abandoned before any bundle changed: {}", e.toString());
            clear();
        }
    }

    /** Waits for the new client to confirm the upgrade; rolls it back at the deadline. */
    private void watch(UpgradeRecord record) {
        while (clock.instant().isBefore(record.deadline())) {
            Optional<UpgradeRecord> now = UpgradeRecord.read(dir);
            if (now.isEmpty() || now.get().state() != State.TRIAL) {
                LOG.info("Upgrade done: {}", record.changes());
                clear();
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Optional<UpgradeRecord> last = UpgradeRecord.read(dir);
        if (last.isPresent() && last.get().state() == State.TRIAL) {
            rollBack(record, "the client did not connect within " + trial.toSeconds() + " s");
        }
    }

    /** Puts the kept copies back, the same way they were replaced; the restored client reports it. */
    private void rollBack(UpgradeRecord record, String reason) {
        LOG.warn("Upgrade failed: {}. Putting back {}", reason, record.from());
        List<Bundle> trin = trinBundles();
        List<Bundle> running = new ArrayList<>();
        for (Bundle bundle : trin) {
            if (BundleSwap.running(bundle) || record.restart().contains(bundle.getSymbolicName())) {
                running.add(bundle);
            }
        }
        try {
            record.with(State.ROLLED_BACK, reason).write(dir);
        } catch (IOException e) {
            LOG.warn("Cannot record the rollback in {}: {}", dir, e.toString());
        }
        Map<String, Staging.Staged> copies = new LinkedHashMap<>();
        for (Bundle bundle : trin) {
            String name = bundle.getSymbolicName();
            if (record.from().containsKey(name) && Files.isRegularFile(backup(name))) {
                copies.put(name, new Staging.Staged(bundle, backup(name), record.from().get(name)));
            }
        }
        String failure = new BundleSwap(system).replace(running, copies);
        if (failure != null) {
            LOG.error("Putting the previous bundles back went wrong too: {}", failure);
        } else {
            LOG.warn("Upgrade rolled back: running {} again", record.from());
        }
    }

    private List<Bundle> trinBundles() {
        List<Bundle> trin = new ArrayList<>();
        for (Bundle bundle : system.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith(PREFIX) && bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                trin.add(bundle);
            }
        }
        return trin;
    }

    /** Runs {@code work} marked as this JVM's watch of an upgrade, so that no second watch starts. */
    private static void watching(Runnable work) {
        System.setProperty(WATCHING, "true");
        try {
            work.run();
        } finally {
            System.clearProperty(WATCHING);
        }
    }

    private Path backup(String symbolicName) {
        return dir.resolve("previous").resolve(symbolicName + ".jar");
    }

    /** Forgets the last upgrade: its record, the staged jars and the copies. */
    private void clear() {
        deleteTree(dir);
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        // No lambda: this may run after the refresh (see the class comment).
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete {}: {}", path, e.toString());
        }
    }
}
