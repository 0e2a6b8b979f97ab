package trin.client.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import trin.client.internal.outbox.Outbox;
import trin.client.internal.settings.ClientConfiguration;
import trin.client.internal.upgrade.Upgrader;

/**
 * What the client learns of where it runs: the versions it reports, where it keeps its files, and what it
 * can do in a framework (upgrades).
 */
final class ClientEnvironment {

    private ClientEnvironment() {
    }

    /** trin's, Paho's and Java's versions, as the dump and {@code get_client_settings} report them. */
    static Map<String, Object> versions(BundleContext context) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("trin", context == null ? "dev" : context.getBundle().getVersion().toString());
        v.put("paho", libraryVersion(MqttAsyncClient.class));
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    /** The bundle's data area; outside a framework, next to the configured outbox. */
    static Path dataDir(BundleContext context, ClientConfiguration config) {
        if (context != null && context.getDataFile("") != null) {
            return context.getDataFile("").toPath();
        }
        if (!config.outboxDir().isBlank()) {
            return UserPaths.expand(config.outboxDir()).toAbsolutePath().getParent();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "trin-client");
    }

    /** The outbox: in the configured directory, else in the data area. */
    static Outbox openOutbox(BundleContext context, ClientConfiguration c) throws IOException {
        Path dir = c.outboxDir().isBlank() ? dataDir(context, c).resolve("outbox") : UserPaths.expand(c.outboxDir());
        return Outbox.open(dir, Math.max(1, c.outboxCapacity()));
    }

    /** The upgrader, with the current configuration; none outside a framework. */
    static Optional<Upgrader> upgrader(BundleContext context, ClientConfiguration c) {
        return context == null ? Optional.empty()
                : Optional.of(new Upgrader(context, c.upgradeLocation(), c.upgradeTrust(),
                        Duration.ofSeconds(Math.max(1, c.upgradeRollbackAfter())), Clock.systemUTC()));
    }

    private static String libraryVersion(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle != null) {
            return bundle.getVersion().toString();
        }
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
