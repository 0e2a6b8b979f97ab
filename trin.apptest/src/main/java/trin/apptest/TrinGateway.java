package trin.apptest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import trin.devbroker.KeyDirs;
import trin.devbroker.SmartBroker;

/**
 * A JUnit 5 extension that runs the application under test on a real gateway: before the test
 * class's first test it starts trin's development broker (checking Smart passwords), an OSGi
 * framework (Felix) with trin's gateway bundles configured for that broker, and the application
 * bundle; test methods take the {@link Platform} as a parameter. After the last test, all of it
 * stops.
 *
 * <pre>
 * &#64;ExtendWith(TrinGateway.class)
 * class MyAppIT {
 *     &#64;Test
 *     void echoes(Platform platform) {
 *         assertEquals("{\"x\":[0,0,\"abc\"]}", platform.call("my_app", "echo", "abc").payload());
 *     }
 * }
 * </pre>
 *
 * <p>The application bundle is the jar named by the system property {@value #BUNDLE_PROPERTY}
 * (several: separated by commas); without it, the one jar in {@code target/} (run it with failsafe,
 * after {@code package}). Registered programmatically, the bundles and first configurations can be given:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TrinGateway GATEWAY = new TrinGateway().configure("com.example.myapp", Map.of("eventCode", 7));
 * </pre>
 */
public final class TrinGateway implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /** The system property that names the application bundle(s) under test. */
    public static final String BUNDLE_PROPERTY = "trin.apptest.bundle";

    private static final Namespace NAMESPACE = Namespace.create(TrinGateway.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String OPERATOR = "platform";

    private final List<Path> bundles = new ArrayList<>();
    private final Map<String, Map<String, ?>> configurations = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    /** The extension, with the application bundle from {@value #BUNDLE_PROPERTY} or {@code target/}. */
    public TrinGateway() {
    }

    /**
     * Runs these bundles as the applications under test, instead of the default.
     *
     * @param jars the bundles' jars
     * @return this extension
     */
    public TrinGateway bundles(Path... jars) {
        bundles.addAll(List.of(jars));
        return this;
    }

    /**
     * A configuration in place before the application starts.
     *
     * @param pid the configuration PID
     * @param properties its properties
     * @return this extension
     */
    public TrinGateway configure(String pid, Map<String, ?> properties) {
        configurations.put(pid, Map.copyOf(properties));
        return this;
    }

    /**
     * How long each of the platform's waits takes at most (10 s unless set).
     *
     * @param timeout the timeout
     * @return this extension
     */
    public TrinGateway timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<Path> jars = bundles.isEmpty() ? defaultBundles() : bundles;
        Platform platform = start(jars, configurations, timeout, START_TIMEOUT);
        context.getStore(NAMESPACE).put(Platform.class, (ExtensionContext.Store.CloseableResource) platform::close);
        context.getStore(NAMESPACE).put(Platform.class.getName(), platform);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // the store closes the platform
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Platform platform = context.getStore(NAMESPACE).get(Platform.class.getName(), Platform.class);
        if (platform == null) {
            throw new ParameterResolutionException("no platform: TrinGateway starts it before all tests of a "
                    + "class; register it on the class (@ExtendWith or a static @RegisterExtension field)");
        }
        return platform;
    }

    /**
     * Starts the broker, the framework with trin's bundles configured for it, and the applications;
     * returns once the device has connected and the applications have registered their services.
     */
    private static Platform start(List<Path> applications, Map<String, Map<String, ?>> configurations, Duration timeout,
            Duration startTimeout) throws Exception {
        // The broker's own chatter (every packet at INFO) is not the application's: warnings only, unless set
        System.setProperty("org.slf4j.simpleLogger.log.io.moquette",
                System.getProperty("org.slf4j.simpleLogger.log.io.moquette", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.io.netty",
                System.getProperty("org.slf4j.simpleLogger.log.io.netty", "warn"));
        Path dir = Files.createTempDirectory("trin-apptest-");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            byte[] key = new byte[32];
            SecureRandom random = new SecureRandom();
            random.nextBytes(key);
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            String operatorPassword = HexFormat.of().formatHex(secret);

            SmartBroker broker = SmartBroker.builder().start();
            started.add(broker);
            broker.addUser(OPERATOR, operatorPassword);
            Probe probe = Probe.connect(broker.uri(), OPERATOR, operatorPassword, Platform.CID + "/#", Platform.CID + "/" + Platform.UID + "/");
            started.add(probe);
            // registered once the probe listens, so that the device's connect event cannot go unseen
            broker.register(Platform.CID, Platform.UID, key);

            Gateway gateway = Gateway.start(dir.resolve("framework"));
            started.add(gateway);
            Path keys = KeyDirs.provision(dir.resolve("keys"), Platform.CID, key);
            gateway.configure("trin.crypto", Map.of("keyDir", keys.toString()));
            gateway.configure("trin.hw.linux", Map.of("uid", Platform.UID));
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("host", "127.0.0.1");
            client.put("port", broker.port());
            client.put("settingsFile", dir.resolve("trinmqtt.ini").toString());
            client.put("outboxDir", dir.resolve("outbox").toString());
            client.put("reconnectMaxDelay", 2);
            client.put("actionDelay", 0);
            gateway.configure("trin.client", client);
            configurations.forEach(gateway::configure);

            Platform platform = new Platform(dir, broker, probe, gateway, timeout);
            int from = probe.next();
            gateway.startTrinAndApplications(applications);
            platform.awaitConnect(from, startTimeout);
            gateway.awaitApplications(startTimeout);
            return platform;
        } catch (Exception | Error e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            delete(dir);
            throw e;
        }
    }

    /** Deletes a gateway's directory and everything in it. */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** The bundles of {@value #BUNDLE_PROPERTY}, or the one jar in {@code target/}. */
    static List<Path> defaultBundles() {
        String property = System.getProperty(BUNDLE_PROPERTY, "").trim();
        if (!property.isEmpty()) {
            List<Path> jars = new ArrayList<>();
            for (String name : property.split(",")) {
                Path jar = Path.of(name.trim());
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(BUNDLE_PROPERTY + " names " + jar.toAbsolutePath()
                            + ", which does not exist: run the test after package (failsafe, mvn verify)");
                }
                jars.add(jar);
            }
            return jars;
        }
        Path target = Path.of("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(f -> f.toString().endsWith(".jar") && !f.toString().endsWith("-sources.jar")
                    && !f.toString().endsWith("-javadoc.jar") && !f.toString().endsWith("-tests.jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("set " + BUNDLE_PROPERTY + " to the application bundle under test: "
                        + "target/ holds " + jars.size() + " jars " + jars);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
