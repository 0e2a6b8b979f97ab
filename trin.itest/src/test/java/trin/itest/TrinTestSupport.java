package trin.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Rule;
import org.junit.rules.TestName;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import trin.devbroker.KeyDirs;

/**
 * What every integration test shares: the framework's content, and a device that runs the trin
 * bundles against a {@link Platform} in the test JVM.
 *
 * <p>The framework starts with SCR, ConfigAdmin, Metatype, Gogo's runtime, the libraries of the trin
 * bundles and trin.api. A test first configures the other trin bundles through ConfigurationAdmin (a
 * broker on 127.0.0.1, key files and settings in the test's own directory), then installs and starts
 * them ({@link #startTrin}), so that nothing ever reaches for the real platform or a real user's
 * files. {@code trin.examples}, the sample application, is installed at run time by the tests that
 * use it.
 *
 * <p>Everything here runs inside the framework (pax-exam's native container, in the test JVM) except
 * {@link #configuration()}. The broker and the probe (trin.devbroker and trin.testkit, not bundles) are
 * reached through the system bundle, which exports {@code trin.devbroker} and {@code trin.testkit} from the
 * test class path.
 *
 * <p>This class and {@link Platform} never touch a {@code trin.api} type: a test that refreshes the
 * trin bundles ({@link UpgradeIT}) must not have the probe wired to trin.api, or the refresh would
 * restart the probe under the running test.
 */
public abstract class TrinTestSupport {

    /** The bundles the framework runs from the start, in install order: the run time of the trin bundles. */
    static final List<String> RUNTIME = List.of(
            "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
            "org.osgi.service.log", "org.apache.felix.scr", "org.apache.felix.configadmin",
            "org.apache.felix.metatype", "org.apache.felix.gogo.runtime",
            // slf4j-simple 1.7 is a bundle of its own (Require-Bundle: slf4j.api), not a fragment.
            "slf4j.api", "slf4j.simple",
            "com.fasterxml.jackson.core.jackson-annotations", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-databind", "org.eclipse.paho.client.mqttv3",
            "com.sun.jna", "com.sun.jna.platform", "com.github.oshi.oshi-core",
            // The API from the start, as a library: the tests' own classes use its types.
            "trin.api");

    /** The bundles under test, installed and started by {@link #startTrin} once they are configured. */
    static final List<String> TRIN = List.of(
            "trin.crypto", "trin.hw.linux", "trin.hw.raspberrypi", "trin.health", "trin.client");

    /** The sample application, installed by the tests that need it. */
    static final String EXAMPLES = "trin.examples";

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Rule
    public final TestName testName = new TestName();

    /** The running platform, if the test made one; closed after the test. */
    protected Platform platform;

    private Path dir;

    @Configuration
    public Option[] configuration() {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        // The broker and the probe live outside the framework, on the test class path.
        options.add(systemPackages("trin.devbroker", "trin.testkit"));
        options.add(junitBundles());
        for (String name : RUNTIME) {
            options.add(CoreOptions.bundle(location(name)));
        }
        return options.toArray(new Option[0]);
    }

    @After
    public void closePlatform() throws BundleException {
        if (platform != null) {
            // The client says goodbye while the broker is still there.
            Bundle client = bundle("trin.client");
            if (client != null) {
                client.stop();
            }
            platform.close();
        }
    }

    // Provisioning

    /** {@code reference:file:...} of a bundle's jar, as Maven resolved it (bundles.properties). */
    static String location(String name) {
        return "reference:" + jar(name).toUri();
    }

    static Path jar(String name) {
        String path = BUNDLES.getProperty(name);
        if (path == null || path.isBlank() || path.startsWith("${")) {
            throw new IllegalStateException("no jar for " + name + " in bundles.properties: " + path);
        }
        return Path.of(path.trim());
    }

    private static final Properties BUNDLES = load("/bundles.properties");

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = TrinTestSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    // A device

    /**
     * Starts a platform, configures and starts the trin bundles, and waits until the device has
     * connected and published its full dump.
     */
    protected Platform connectedDevice() throws Exception {
        return connectedDevice(Map.of());
    }

    /** The platform this test's device talks to: the Smart broker, unless a test needs another. */
    protected Platform startPlatform() throws Exception {
        return Platform.start();
    }

    /** As {@link #connectedDevice()}, with more properties of configuration {@code trin.client}. */
    protected Platform connectedDevice(Map<String, Object> clientProperties) throws Exception {
        platform = startPlatform();
        startTrin(clientProperties);
        platform.awaitConnects(1);
        platform.awaitConnectDump();
        return platform;
    }

    /**
     * Configures every trin PID for {@link #platform} and this test's directory, then installs and
     * starts the trin bundles.
     */
    protected void startTrin(Map<String, Object> clientProperties) throws Exception {
        configureTrin(clientProperties);
        List<Bundle> installed = new ArrayList<>();
        for (String name : TRIN) {
            installed.add(context.installBundle(location(name)));
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
    }

    /** Configures every trin PID for {@link #platform} and this test's directory, before the bundles come. */
    protected void configureTrin(Map<String, Object> clientProperties) throws Exception {
        configureTrin(platform.key(), platform.port(), clientProperties);
    }

    /** Configures every trin PID for a broker on that port of 127.0.0.1 that knows the device by that key. */
    protected void configureTrin(byte[] key, int port, Map<String, Object> clientProperties) throws Exception {
        Path keys = KeyDirs.provision(dir().resolve("keys"), Platform.CID, key);
        configure("trin.crypto", Map.of("keyDir", keys.toString()));
        // A fixed UID, whatever this machine's network interfaces are.
        configure("trin.hw.linux", Map.of("uid", Platform.UID));
        // Not a Raspberry Pi, even on one: a cpuinfo without a serial.
        Path cpuinfo = Files.writeString(dir().resolve("cpuinfo"), "processor\t: 0\n");
        configure("trin.hw.raspberrypi", Map.of("cpuinfo", cpuinfo.toString()));
        configure("trin.hw.raspberrypi.health", Map.of("cpuinfo", cpuinfo.toString()));
        configure("trin.client", clientConfiguration(port, clientProperties));
    }

    /** Configuration {@code trin.client} for {@link #platform}, with settings and outbox in this test's directory. */
    protected Map<String, Object> clientConfiguration(Map<String, Object> more) {
        return clientConfiguration(platform.port(), more);
    }

    /** Configuration {@code trin.client} for a broker on that port of 127.0.0.1. */
    protected Map<String, Object> clientConfiguration(int port, Map<String, Object> more) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("host", "127.0.0.1");
        properties.put("port", port);
        properties.put("settingsFile", dir().resolve("trinmqtt.ini").toString());
        properties.put("outboxDir", dir().resolve("outbox").toString());
        properties.put("trustEmptySender", true);
        properties.put("reconnectMaxDelay", 2);
        properties.put("actionDelay", 0);
        properties.putAll(more);
        return properties;
    }

    /** Creates or replaces a configuration, for whichever bundle uses the PID. */
    protected void configure(String pid, Map<String, Object> properties) throws IOException {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        configAdmin.getConfiguration(pid, "?").update(dictionary);
    }

    /** This test's own directory, for key files, settings, outbox and jars. */
    protected Path dir() {
        if (dir == null) {
            String base = System.getProperty("trin.itest.dir", System.getProperty("java.io.tmpdir"));
            String framework = context.getBundle(0).getSymbolicName();
            try {
                Path parent = Files.createDirectories(Path.of(base, framework));
                String prefix = getClass().getSimpleName() + "-" + testName.getMethodName() + "-";
                dir = Files.createTempDirectory(parent, prefix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    // Bundles and services

    /** The installed bundle of that symbolic name, or null. */
    protected Bundle bundle(String symbolicName) {
        return Stream.of(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    /** The trin bundles installed now. */
    protected List<Bundle> trinBundles() {
        return Stream.of(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("trin."))
                .toList();
    }

    /** Installs and starts the sample application from its jar, as an operator would at run time. */
    protected Bundle installExamples() throws BundleException {
        Bundle examples = context.installBundle(location(EXAMPLES));
        examples.start();
        assertEquals(Bundle.ACTIVE, examples.getState());
        return examples;
    }

    /** A service, waiting for it to come; the test holds it until the framework stops. */
    protected <T> T service(Class<T> type) throws Exception {
        @SuppressWarnings("unchecked")
        ServiceReference<T> reference = (ServiceReference<T>) awaitService("(objectClass=" + type.getName() + ")");
        return context.getService(reference);
    }

    /** Waits for a service that matches a filter, and returns its reference. */
    protected ServiceReference<?> awaitService(String filter) throws Exception {
        ServiceTracker<?, ?> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open();
        try {
            assertNotNull("no service " + filter + " within " + WAIT, tracker.waitForService(WAIT.toMillis()));
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /** Waits until a condition holds; fails saying what it waited for, as of the last look. */
    protected static void await(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what.get());
            }
            Thread.sleep(50);
        }
    }

    /** Service references of a type, as of now. */
    protected <T> List<ServiceReference<T>> references(Class<T> type) throws Exception {
        return List.copyOf(context.getServiceReferences(type, null));
    }
}
