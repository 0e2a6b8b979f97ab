package trin.itest;

import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * Eclipse Kura 5.6's framework, without Kura: what the "kura5" failsafe run starts instead of the
 * distribution's runtime.
 *
 * <p>Equinox 3.16.0 (on the class path of that run), and the services Kura 5.6 installs, at Kura's
 * versions from its release-5.6.0 build (kura.target-platform.build.properties, config.ini): the OSGi
 * compendium API of org.eclipse.osgi.services 3.9.0 and org.eclipse.osgi.util 3.5.300, Equinox
 * EventAdmin 1.5.500, ConfigAdmin 1.4.400 and Metatype 1.5.300, Felix SCR 2.1.16 (DS 1.4), Felix
 * DeploymentAdmin 0.9.5 on Dependency Manager 3.0.0, Gogo runtime 1.1.0, slf4j-api 1.7.36 bound to
 * Log4j 2.23.1. No FileInstall: configuration comes through ConfigurationAdmin only. In place of
 * Kura's own bundles, {@code kura.api.standin}: a test-only bundle that exports Kura's
 * {@code org.eclipse.kura.configuration} 1.2.0 with its one interface trin.kura uses, and nothing
 * of Kura's configuration service, web UI or deployment agent.
 *
 * <p>The trin bundles come as Kura installs add-ons: the deployment package
 * ({@code distribution/target/trin-VERSION.dp}) through {@link DeploymentAdmin#installDeploymentPackage}.
 */
public abstract class Kura5Support extends TrinTestSupport {

    /** Kura 5.6's framework bundles, in install order (target/kura5/NAME.jar). */
    static final List<String> KURA5 = List.of(
            "org.eclipse.osgi.util", "org.eclipse.osgi.services", "org.eclipse.equinox.event",
            "org.eclipse.equinox.cm", "org.eclipse.equinox.metatype", "org.apache.felix.scr",
            "org.apache.felix.gogo.runtime", "slf4j.api", "org.apache.logging.log4j.api",
            "org.apache.logging.log4j.core", "org.apache.logging.log4j.slf4j.impl",
            "org.apache.felix.dependencymanager", "org.apache.felix.deploymentadmin");

    /** Their start levels in Kura's config.ini: logging before the services that log. */
    private static final Map<String, Integer> START_LEVELS = Map.ofEntries(
            Map.entry("org.eclipse.osgi.util", 2), Map.entry("org.eclipse.osgi.services", 2),
            Map.entry("org.eclipse.equinox.event", 1), Map.entry("org.eclipse.equinox.cm", 1),
            Map.entry("org.eclipse.equinox.metatype", 1), Map.entry("org.apache.felix.scr", 5),
            Map.entry("org.apache.felix.gogo.runtime", 5), Map.entry("slf4j.api", 3),
            Map.entry("org.apache.logging.log4j.api", 3), Map.entry("org.apache.logging.log4j.core", 3),
            Map.entry("org.apache.logging.log4j.slf4j.impl", 3), Map.entry("org.apache.felix.dependencymanager", 3),
            Map.entry("org.apache.felix.deploymentadmin", 3));

    /** The bundles of the deployment package, by symbolic name. */
    static final List<String> DEPLOYED = List.of(
            "trin.api", "trin.client", "trin.crypto", "trin.health", "trin.hw.linux", "trin.hw.raspberrypi",
            "trin.kura", "trin.metrics", "org.eclipse.paho.client.mqttv3", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.core.jackson-annotations",
            "com.github.oshi.oshi-core", "com.sun.jna", "com.sun.jna.platform");

    @Override
    @Configuration
    public Option[] configuration() {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        options.add(systemPackages("trin.devbroker", "trin.testkit"));
        options.add(junitBundles());
        // From Kura's config.ini
        options.add(frameworkProperty("ds.lock.timeout.milliseconds").value("60000"));
        options.add(frameworkProperty("osgi.bundles.defaultStartLevel").value("5"));
        for (String name : KURA5) {
            options.add(CoreOptions.bundle("reference:" + kura5(name).toUri()).startLevel(START_LEVELS.get(name)));
        }
        options.add(CoreOptions.bundle(location("kura.api.standin")));
        return options.toArray(new Option[0]);
    }

    private static Path kura5(String name) {
        String dir = System.getProperty("trin.itest.kura5");
        if (dir == null) {
            throw new IllegalStateException("trin.itest.kura5 is not set: run in failsafe's kura5 execution");
        }
        return Path.of(dir, name + ".jar");
    }

    /**
     * The trin PIDs configured, the deployment package installed, then the platform started; waits until
     * the device has connected and published its full dump.
     *
     * <p>In that order because Jackson, which {@link Platform} uses inside the framework, arrives with
     * the deployment package: nothing of the platform may load before. The client meanwhile finds no
     * broker on the port and tries again (every 2 s at most).
     */
    @Override
    protected Platform connectedDevice(Map<String, Object> clientProperties) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        configureTrin(key, port, clientProperties);
        installDeploymentPackage();
        platform = Platform.start(key, port);
        platform.awaitConnects(1);
        platform.awaitConnectDump();
        return platform;
    }

    /** Installs {@code trin-VERSION.dp} through DeploymentAdmin, from a stream, as Kura's deployment agent does. */
    protected DeploymentPackage installDeploymentPackage() throws Exception {
        DeploymentAdmin admin = service(DeploymentAdmin.class);
        try (InputStream in = Files.newInputStream(jar("trin.dp"))) {
            return admin.installDeploymentPackage(in);
        }
    }
}
