package trin.apptest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real OSGi framework in the test JVM, through the launch API (the first {@link FrameworkFactory}
 * on the class path: Felix, which this artifact brings), with a gateway's bundles as trin's
 * distribution runs them.
 *
 * <p>The bundles come from the test class path, found by their {@code Bundle-SymbolicName}: this
 * artifact depends on each. Nothing is shared with the test's class loader but the framework API:
 * the test reaches the gateway over MQTT, as the platform does, and Configuration Admin through
 * reflection on the service's own interface.
 */
final class Gateway implements AutoCloseable {

    /** The run time of trin's bundles, in install order, as the distribution runs it. */
    static final List<String> RUNTIME = List.of(
            "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
            "org.osgi.service.log", "org.apache.felix.scr", "org.apache.felix.configadmin",
            "org.apache.felix.metatype", "slf4j.api", "slf4j.simple",
            "com.fasterxml.jackson.core.jackson-annotations", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-databind", "org.eclipse.paho.client.mqttv3", "trin.api");

    /** trin's gateway bundles, started once configured: identity, key, client. */
    static final List<String> TRIN = List.of("trin.crypto", "trin.hw.linux", "trin.client");

    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private final Framework framework;
    private final List<Bundle> applications = new ArrayList<>();

    private Gateway(Framework framework) {
        this.framework = framework;
    }

    /** Starts the framework (storage in {@code dir}) with the run time installed and started. */
    static Gateway start(Path dir) throws BundleException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow(
                () -> new IllegalStateException("no OSGi FrameworkFactory on the class path (Felix comes with "
                        + "trin.apptest: is it a test dependency?)"));
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = factory.newFramework(properties);
        framework.start();
        Gateway gateway = new Gateway(framework);
        try {
            Map<String, Path> jars = bundlesOnClassPath();
            List<Bundle> runtime = new ArrayList<>();
            for (String name : RUNTIME) {
                runtime.add(gateway.install(jar(jars, name)));
            }
            for (Bundle bundle : runtime) {
                bundle.start();
            }
            return gateway;
        } catch (BundleException | RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** Installs and starts trin's gateway bundles and then the applications'. */
    void startTrinAndApplications(List<Path> applicationJars) throws BundleException {
        Map<String, Path> jars = bundlesOnClassPath();
        List<Bundle> trin = new ArrayList<>();
        for (String name : TRIN) {
            trin.add(install(jar(jars, name)));
        }
        for (Path jar : applicationJars) {
            applications.add(install(jar));
        }
        for (Bundle bundle : trin) {
            bundle.start();
        }
        for (Bundle bundle : applications) {
            bundle.start();
        }
    }

    private Bundle install(Path jar) throws BundleException {
        return context().installBundle("reference:" + jar.toUri());
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    List<Bundle> applications() {
        return Collections.unmodifiableList(applications);
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new IllegalStateException("no bundle " + symbolicName + " installed");
    }

    /**
     * Whether every application bundle is active and, when it provides services (bnd writes
     * {@code Provide-Capability: osgi.service} for a component's services), has registered one: SCR
     * registers a component's services once its references are satisfied.
     */
    boolean applicationsReady() {
        for (Bundle bundle : applications) {
            if (bundle.getState() != Bundle.ACTIVE) {
                return false;
            }
            String provides = bundle.getHeaders("").get(Constants.PROVIDE_CAPABILITY);
            ServiceReference<?>[] services = bundle.getRegisteredServices();
            if (provides != null && provides.contains("osgi.service") && (services == null || services.length == 0)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@link #applicationsReady()}, polling the framework's state (there is no event to wait on). */
    void awaitApplications(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!applicationsReady()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the application bundles did not register their services within "
                        + Probe.seconds(within) + " (unsatisfied references? a failing activator?); bundles: "
                        + bundleStates());
            }
            Thread.sleep(20);
        }
    }

    /** Each bundle's symbolic name and state, for failure messages. */
    String bundleStates() {
        Map<String, String> states = new LinkedHashMap<>();
        for (Bundle bundle : context().getBundles()) {
            states.put(bundle.getSymbolicName(), switch (bundle.getState()) {
                case Bundle.ACTIVE -> "ACTIVE";
                case Bundle.RESOLVED -> "RESOLVED";
                case Bundle.INSTALLED -> "INSTALLED (unresolved)";
                case Bundle.STARTING -> "STARTING";
                case Bundle.STOPPING -> "STOPPING";
                default -> "UNINSTALLED";
            });
        }
        return states.toString();
    }

    /**
     * Creates or replaces a configuration through Configuration Admin, as a console would: the bundles
     * of the framework and the test do not share the {@code org.osgi.service.cm} classes, so this calls
     * the service through the interface its own bundle exports.
     */
    void configure(String pid, Map<String, ?> properties) {
        ServiceReference<?> reference = configurationAdmin();
        Object admin = context().getService(reference);
        try {
            Bundle cm = reference.getBundle();
            Method getConfiguration = cm.loadClass(CONFIGURATION_ADMIN).getMethod("getConfiguration", String.class,
                    String.class);
            Method update = cm.loadClass(CONFIGURATION).getMethod("update", Dictionary.class);
            Object configuration = getConfiguration.invoke(admin, pid, "?");
            update.invoke(configuration, new Hashtable<String, Object>(properties));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("configuration " + pid + " not updated: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("configuration " + pid + " not updated: " + e, e);
        } finally {
            context().ungetService(reference);
        }
    }

    /** Felix ConfigAdmin registers its service in a thread of its own, after the bundle's start. */
    private ServiceReference<?> configurationAdmin() {
        ServiceTracker<?, ?> tracker = new ServiceTracker<>(context(), CONFIGURATION_ADMIN, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(Duration.ofSeconds(30).toMillis()) == null) {
                throw new IllegalStateException("no ConfigurationAdmin service within 30 s; bundles: " + bundleStates());
            }
            return tracker.getServiceReference();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ConfigurationAdmin", e);
        } finally {
            tracker.close();
        }
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(Duration.ofSeconds(30).toMillis());
        } catch (BundleException e) {
            throw new IllegalStateException("the framework did not stop: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path jar(Map<String, Path> jars, String symbolicName) {
        Path jar = jars.get(symbolicName);
        if (jar == null) {
            throw new IllegalStateException("bundle " + symbolicName + " is not on the test class path: "
                    + "declare io.trin:trin.apptest as a test dependency (it brings the gateway's bundles)");
        }
        return jar;
    }

    /** Every jar on the class path with a Bundle-SymbolicName, by that name. */
    private static Map<String, Path> bundlesOnClassPath() {
        Map<String, Path> jars = new HashMap<>();
        try {
            Enumeration<URL> manifests = Gateway.class.getClassLoader().getResources(JarFile.MANIFEST_NAME);
            while (manifests.hasMoreElements()) {
                URL url = manifests.nextElement();
                if (!"jar".equals(url.getProtocol())) {
                    continue;
                }
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                Path jar = Path.of(connection.getJarFileURL().toURI());
                try (InputStream in = url.openStream()) {
                    String name = new Manifest(in).getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
                    if (name != null) {
                        jars.putIfAbsent(name.split(";")[0].trim(), jar);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return jars;
    }
}
