package trin.client.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
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
import trin.api.device.Credentials;
import trin.api.device.DeviceIdentity;
import trin.devbroker.SmartPassword;

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
        SmartClientComponent client = new SmartClientComponent(configuration(config), null, Map.copyOf(config),
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

    /** The configuration as DS gives it: these values, each attribute's default for the rest. */
    private static ClientConfiguration configuration(Map<String, Object> values) {
        Class<ClientConfiguration> type = ClientConfiguration.class;
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) ->
                switch (m.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> "ClientConfiguration" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> p == args[0];
                    default -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue();
                }));
    }

    private static final class KeyCredentials implements Credentials {
        private final String cid;
        private final byte[] key;
        private long lastSalt;

        KeyCredentials(String cid, byte[] key) {
            this.cid = cid;
            this.key = key;
        }

        @Override
        public boolean provisioned() {
            return true;
        }

        @Override
        public String cid() {
            return cid;
        }

        @Override
        public String username(String uid) {
            return cid + uid;
        }

        @Override
        public synchronized char[] password() {
            long salt = Math.max(System.currentTimeMillis() / 1000, lastSalt + 1);
            lastSalt = salt;
            return SmartPassword.compute(key, salt).toCharArray();
        }
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
