package trin.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.FrameworkStartLevel;
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
    /**
     * The web console (bundle/console/: the HTTP service with Jetty, the Felix Web Console, trin.console)
     * starts after trin's components, in the background ({@link #startConsole()}): Jetty alone is some 400
     * classes, a third of a second that would otherwise come before the client's connection.
     */
    static final int CONSOLE_LEVEL = 4;

    private static final Logger LOG = LoggerFactory.getLogger(OsgiRuntime.class);

    private final Framework framework;
    private final boolean console;

    private OsgiRuntime(Framework framework, boolean console) {
        this.framework = framework;
        this.console = console;
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
            BundleSync.sync(framework.getBundleContext(), home, local, console, BundleSync.checksumFile(storage),
                    components);
            framework.start();
        } catch (BundleException e) {
            throw new LauncherException("The OSGi framework did not start: " + e.getMessage(), e);
        }
        OsgiRuntime runtime = new OsgiRuntime(framework, console);
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
     * Raises the framework to the console's start level: the web console's bundles start on the
     * framework's start-level thread while the caller goes on.
     */
    void startConsole() {
        framework.adapt(FrameworkStartLevel.class).setStartLevel(CONSOLE_LEVEL);
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

    /** @return whether the web console is in this run ({@code trin.console} is not {@code false}) */
    boolean console() {
        return console;
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
        // SCR keeps the component descriptions it parsed in its bundle data (data/felix-cache) and reads them
        // from there at the next start instead of parsing every bundle's OSGI-INF XML again: no XML parser
        // (some 170 classes) in a start that changed no bundle, 1 MiB less resident after idling.
        p.put("ds.cache.metadata", "true");
        // The web console opens only once trin.console's password check is there: never with admin/admin.
        p.put("felix.webconsole.security.providers", "trin");
        // The HTTP service (the web console's) starts once, on the address of conf/org.apache.felix.http.cfg: it
        // waits for that configuration instead of starting at once on its defaults and again when FileInstall
        // delivers the file. A property the file leaves out falls back to these: this machine only, port 8080.
        p.put("org.apache.felix.http.require.config", "true");
        p.put("org.apache.felix.http.host", "127.0.0.1");
        p.put("org.osgi.service.http.port", "8080");
        try {
            ConfFile.read(home.conf("framework.properties")).values().forEach(p::put);
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + home.conf("framework.properties") + ": " + e, e);
        }
        return (Map) p;
    }
}
