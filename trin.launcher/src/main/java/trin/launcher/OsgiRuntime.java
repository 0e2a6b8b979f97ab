package trin.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.zip.CRC32;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Felix framework with the bundles of {@code bundle/} and the
 * configuration of {@code conf/}.
 *
 * <p>Start levels put the configuration in place before any component
 * starts: level 1 holds the libraries and services (Configuration Admin, SCR,
 * Metatype, Gogo, Jackson, Paho, ...), level 2 Felix FileInstall, whose
 * first scan of {@code conf/} runs while it starts, and level 3 every bundle
 * with components (trin's and the applications'). The interactive shell
 * starts last, and only when asked for.
 *
 * <p>The framework cache persists in {@code data/felix-cache}, so bundle data
 * survives a restart; at each start the installed bundles are brought in
 * line with {@code bundle/}: new jars installed, changed ones updated, removed
 * ones uninstalled. A jar is changed when its checksum is (the build stamps
 * every file with the same time, so times tell nothing).
 *
 * <p>{@code bundle/local/} holds the bundles of the LOCAL development set-up
 * (the sample application): they are installed only while {@code conf/}
 * selects that set-up, and uninstalled at the first start that does not, so
 * that a gateway on the Smart platform runs only what its owner installed.
 * {@code bundle/console/} holds the optional web console: installed unless
 * {@code conf/framework.properties} says {@code trin.console=false}, and
 * uninstalled at the first start that says so, which costs nothing then.
 */
final class OsgiRuntime {

    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    static final String SHELL = "org.apache.felix.gogo.jline";
    static final String JLINE = "org.jline";
    /** Framework property: {@code false} leaves the web console (bundle/console/) out. */
    static final String CONSOLE = "trin.console";
    static final int LIBRARIES = 1;
    static final int CONFIGURATION = 2;
    static final int COMPONENTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(OsgiRuntime.class);

    private final Framework framework;

    private OsgiRuntime(Framework framework) {
        this.framework = framework;
    }

    /**
     * Starts the framework and waits until every bundle had its chance to start.
     *
     * @param storage the framework cache
     * @param local whether {@code conf/} selects the LOCAL set-up: only then are the bundles of
     *        {@code bundle/local/} installed
     * @param shell whether to start the interactive Gogo shell
     * @param components which component bundles to start, by symbolic name
     */
    static OsgiRuntime start(Home home, Path storage, boolean local, boolean shell, Predicate<String> components) {
        Map<String, String> properties = properties(home, storage);
        boolean console = !"false".equalsIgnoreCase(properties.getOrDefault(CONSOLE, "true").strip());
        Framework framework = ServiceLoader.load(FrameworkFactory.class, OsgiRuntime.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new LauncherException("No OSGi framework on the class path (lib/)"))
                .newFramework(properties);
        try {
            framework.init();
            sync(framework.getBundleContext(), home, local, console, checksumFile(storage), components);
            framework.start();
        } catch (BundleException e) {
            throw new LauncherException("The OSGi framework did not start: " + e.getMessage(), e);
        }
        OsgiRuntime runtime = new OsgiRuntime(framework);
        if (shell) {
            ExitCommand.register(framework.getBundleContext(), () -> {
                LOG.info("exit in the shell: stopping trin");
                runtime.requestStop();
            });
            runtime.startShell();
        }
        return runtime;
    }

    /**
     * Starts the Gogo shell on this terminal, for this run only. JLine finds
     * its terminal implementations through the thread's context class loader,
     * which must be JLine's own: otherwise it falls back to a dumb terminal
     * (no line editing, no history, the password prompt echoes).
     */
    private void startShell() {
        Bundle shell = find(SHELL);
        Bundle jline = find(JLINE);
        if (shell == null) {
            LOG.warn("No shell: {} is not in bundle/", SHELL);
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            if (jline != null && jline.adapt(BundleWiring.class) != null) {
                thread.setContextClassLoader(jline.adapt(BundleWiring.class).getClassLoader());
            }
            shell.start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
            LOG.warn("The Gogo shell did not start: {}", e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Bundle find(String symbolicName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Stops every bundle (components deactivate: the client says goodbye) and the framework. */
    void stop(long timeoutMillis) {
        try {
            framework.stop();
            if (framework.waitForStop(timeoutMillis).getType() == org.osgi.framework.FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The OSGi framework did not stop within {} ms", timeoutMillis);
            }
        } catch (BundleException e) {
            LOG.warn("Stopping the OSGi framework failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the framework to stop, and returns at once: the thread that waits in {@link #awaitStop} goes on. */
    void requestStop() {
        try {
            framework.stop();
        } catch (BundleException e) {
            LOG.warn("Stopping the OSGi framework failed: {}", e.getMessage());
        }
    }

    /** Waits until the framework stops, by {@link #stop} or from the shell. */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** @return whether the framework stopped within {@code millis} */
    boolean awaitStop(long millis) throws InterruptedException {
        return framework.waitForStop(millis).getType() != org.osgi.framework.FrameworkEvent.WAIT_TIMEDOUT;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, String> properties(Home home, Path storage) {
        Map<String, Object> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(COMPONENTS));
        p.put("felix.startlevel.bundle", Integer.toString(COMPONENTS));
        p.put("felix.log.logger", new FrameworkLog());
        p.put("felix.log.level", "2");
        p.put(Home.PROPERTY, home.dir().toString());
        p.put("felix.fileinstall.dir", home.conf().toString());
        p.put("felix.fileinstall.filter", ".*\\.cfg");
        p.put("felix.fileinstall.poll", "2000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        // The files are the user's: never rewrite them (a ${trin.home} would be lost).
        p.put("felix.fileinstall.enableConfigSave", "false");
        // conf/platform/ holds templates, not configuration.
        p.put("felix.fileinstall.subdir.mode", "skip");
        p.put("felix.fileinstall.tmpdir", home.run().toString());
        p.put("felix.fileinstall.log.default", "jul");
        p.put("felix.fileinstall.log.level", "2");
        p.put("ds.loglevel", "warn");
        // The web console opens only once trin.console's password check is there: never with admin/admin.
        p.put("felix.webconsole.security.providers", "trin");
        // The HTTP service (the web console's) listens on this machine only unless conf/org.apache.felix.http.cfg
        // says otherwise; until FileInstall delivers that file (a moment after the service starts) on a port the
        // system picks, serving nothing yet, rather than on 8080 of every interface, Felix HTTP's default.
        p.put("org.apache.felix.http.host", "127.0.0.1");
        p.put("org.osgi.service.http.port", "0");
        try {
            ConfFile.read(home.conf("framework.properties")).values().forEach(p::put);
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + home.conf("framework.properties") + ": " + e, e);
        }
        return (Map) p;
    }

    static Path checksumFile(Path storage) {
        return storage.resolveSibling(storage.getFileName() + ".checksums");
    }

    private static void sync(BundleContext context, Home home, boolean local, boolean console, Path checksumFile,
            Predicate<String> components) {
        Path dir = home.bundles();
        List<Path> jars = jars(dir);
        if (local && Files.isDirectory(home.localBundles())) {
            jars.addAll(jars(home.localBundles()));
        }
        if (console && Files.isDirectory(home.consoleBundles())) {
            jars.addAll(jars(home.consoleBundles()));
        }
        Properties checksums = loadChecksums(checksumFile);
        Properties current = new Properties();
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            Bundle bundle = installed.remove(location);
            try {
                String checksum = checksum(jar);
                if (bundle == null) {
                    bundle = context.installBundle(location);
                    LOG.debug("Installed {}", jar.getFileName());
                } else if (!checksum.equals(checksums.getProperty(location))) {
                    bundle.update();
                    LOG.info("Updated {} from {}", bundle.getSymbolicName(), jar.getFileName());
                }
                current.setProperty(location, checksum);
                arrange(bundle, components);
            } catch (BundleException | IOException | RuntimeException e) {
                LOG.warn("Cannot install {}: {}", jar, e.getMessage());
            }
        }
        String prefix = dir.toUri().toString();
        String localPrefix = home.localBundles().toUri().toString();
        String consolePrefix = home.consoleBundles().toUri().toString();
        for (Bundle gone : installed.values()) {
            if (gone.getLocation().startsWith(prefix)) {
                try {
                    gone.uninstall();
                    if (!local && gone.getLocation().startsWith(localPrefix)) {
                        LOG.info("Uninstalled {}: it belongs to the LOCAL development set-up ({}), and conf/ selects "
                                + "another broker", gone.getSymbolicName(), home.localBundles());
                    } else if (!console && gone.getLocation().startsWith(consolePrefix)) {
                        LOG.info("Uninstalled {}: the web console is off ({}=false)", gone.getSymbolicName(),
                                CONSOLE);
                    } else {
                        LOG.info("Uninstalled {}: its jar is no longer in {}", gone.getSymbolicName(), dir);
                    }
                } catch (BundleException e) {
                    LOG.warn("Cannot uninstall {}: {}", gone.getSymbolicName(), e.getMessage());
                }
            }
        }
        if (!current.equals(checksums)) {
            try (OutputStream out = Files.newOutputStream(checksumFile)) {
                current.store(out, "CRC-32 of the jars of bundle/ as installed in the framework cache");
            } catch (IOException e) {
                LOG.warn("Cannot write {}: changed bundles will be updated again at the next start", checksumFile);
            }
        }
    }

    private static Properties loadChecksums(Path file) {
        Properties checksums = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            checksums.load(in);
        } catch (NoSuchFileException e) {
            // a first start, or a new cache
        } catch (IOException e) {
            LOG.debug("Cannot read {}: every bundle is updated", file);
        }
        return checksums;
    }

    private static String checksum(Path jar) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[65536];
        try (InputStream in = Files.newInputStream(jar)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return Files.size(jar) + "-" + Long.toHexString(crc.getValue());
    }

    /** Sets the start level and whether the bundle starts with the framework. */
    private static void arrange(Bundle bundle, Predicate<String> components) throws BundleException {
        String name = String.valueOf(bundle.getSymbolicName());
        boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        boolean hasComponents = bundle.getHeaders("").get("Service-Component") != null;
        int level = name.equals(FILEINSTALL) ? CONFIGURATION
                : name.equals(SHELL) || hasComponents ? COMPONENTS : LIBRARIES;
        bundle.adapt(BundleStartLevel.class).setStartLevel(level);
        if (fragment) {
            return;
        }
        // The shell is started by startShell(), never with the framework.
        boolean start = !name.equals(SHELL) && (level != COMPONENTS || components.test(name));
        if (start) {
            bundle.start();
        } else {
            bundle.stop();
        }
    }

    private static List<Path> jars(Path dir) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            throw new LauncherException("Cannot list the bundles in " + dir + ": " + e, e);
        }
        jars.sort(null);
        return jars;
    }
}
