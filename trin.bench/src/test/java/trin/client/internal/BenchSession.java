package trin.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import trin.api.client.SmartClient;
import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.api.device.DeviceIdentity;
import trin.client.internal.settings.ClientConfiguration;
import trin.testkit.Configurations;
import trin.testkit.KeyCredentials;

/**
 * One trin session outside OSGi, wired as Declarative Services would wire it
 * (the way trin.client's own tests do): the client component with its typed
 * configuration, credentials of its own (a random 32-byte key, a fresh Smart
 * password at each attempt), a device identity, and the sample application's
 * {@code sum_these} handler on {@value #APP}. In trin.client's package because
 * the component's activation and references are package-private; on the class
 * path the split package is fine.
 */
public final class BenchSession implements AutoCloseable {

    public static final String APP = "my_app_id";

    private final SmartClientComponent client;

    private BenchSession(SmartClientComponent client) {
        this.client = client;
    }

    /**
     * Starts a session; it connects in the background.
     *
     * @param dir its own directory for settings and outbox
     * @param extra further configuration of trin.client (e.g. {@code workers})
     */
    public static BenchSession start(String host, int port, String cid, String uid, Path dir,
            Map<String, Object> extra) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> config = new HashMap<>();
        config.put("host", host);
        config.put("port", port);
        config.put("settingsFile", dir.resolve("trinmqtt.ini").toString());
        config.put("outboxDir", dir.resolve("outbox").toString());
        config.put("pdrInterval", 3600);
        config.putAll(extra);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SmartClientComponent client = new SmartClientComponent(Configurations.of(ClientConfiguration.class, config), null, Map.copyOf(config),
                new KeyCredentials(cid, key));
        client.handlers = List.of(Map.entry(Map.of(CommandHandler.APP_ID, APP), sumThese()));
        client.bindIdentity(new Identity(uid));
        client.activate();
        return new BenchSession(client);
    }

    public SmartClient client() {
        return client;
    }

    @Override
    public void close() {
        client.deactivate();
    }

    /** The sample application's answer. */
    static CommandHandler sumThese() {
        return c -> "sum_these".equals(c.name())
                ? Reply.ok(c.args().stream().mapToInt(a -> ((Number) a).intValue()).sum())
                : Reply.unknownCommand();
    }

    private record Identity(String uid) implements DeviceIdentity {
        @Override
        public OptionalInt modelId() {
            return OptionalInt.of(2795);
        }

        @Override
        public String hardware() {
            return "bench";
        }

        @Override
        public void reboot() {
            // a benchmark device never reboots
        }
    }
}
