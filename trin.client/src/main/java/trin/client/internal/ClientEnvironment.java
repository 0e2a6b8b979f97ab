package trin.client.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** What the client learns of where it runs: the versions it reports, and where it keeps its files. */
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

    private static String libraryVersion(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle != null) {
            return bundle.getVersion().toString();
        }
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
