package trin.client.internal.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where an upgrade stands, kept in the client bundle's data area so that it
 * outlives the bundles it concerns: the versions before and after, the
 * bundles to start again, the deadline of the trial and, once rolled back,
 * why. Written atomically (a temporary file, then a move).
 *
 * <p>The upgrade thread runs on the old revision's classes after the refresh,
 * when its class loader can load nothing new: this class and {@link State}
 * are loaded before the bundles stop, and use only the JDK.
 */
public record UpgradeRecord(State state, Map<String, String> from, Map<String, String> to, List<String> restart,
        Instant started, Instant deadline, String reason) {

    /** The steps of an upgrade. */
    public enum State {
        /** The new bundles are in; they must connect before the deadline. */
        TRIAL,
        /** The new client connected: the upgrade stays. */
        CONFIRMED,
        /** The previous bundles were put back; the client reports it once connected. */
        ROLLED_BACK
    }

    static final String FILE = "upgrade.properties";

    public UpgradeRecord {
        from = Map.copyOf(from);
        to = Map.copyOf(to);
        restart = List.copyOf(restart);
        reason = reason == null ? "" : reason;
    }

    UpgradeRecord with(State next, String why) {
        return new UpgradeRecord(next, from, to, restart, started, deadline, why);
    }

    /** {@code trin.client 1.0.0 -> 1.1.0, trin.api 2.0.0 -> 2.1.0}, in name order. */
    String changes() {
        return from.keySet().stream().sorted()
                .map(name -> name + " " + from.get(name) + " -> " + to.getOrDefault(name, "?"))
                .collect(Collectors.joining(", "));
    }

    /** The record in {@code dir}, if there is one that can be read. */
    static Optional<UpgradeRecord> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(new UpgradeRecord(State.valueOf(p.getProperty("state")), map(p, "from."),
                    map(p, "to."), list(p.getProperty("restart", "")),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("started", "0"))),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("deadline", "0"))), p.getProperty("reason")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("state", state.name());
        from.forEach((name, version) -> p.setProperty("from." + name, version));
        to.forEach((name, version) -> p.setProperty("to." + name, version));
        p.setProperty("restart", String.join(",", restart));
        p.setProperty("started", Long.toString(started.toEpochMilli()));
        p.setProperty("deadline", Long.toString(deadline.toEpochMilli()));
        p.setProperty("reason", reason);
        Files.createDirectories(dir);
        Path temporary = dir.resolve(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            p.store(out, "trin upgrade_client: the state of the last upgrade");
        }
        Files.move(temporary, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> map(Properties p, String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                map.put(key.substring(prefix.length()), p.getProperty(key));
            }
        }
        return map;
    }

    private static List<String> list(String joined) {
        List<String> list = new ArrayList<>();
        for (String name : joined.split(",")) {
            if (!name.isBlank()) {
                list.add(name.trim());
            }
        }
        return list;
    }
}
