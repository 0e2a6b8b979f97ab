package trin.client.internal.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host, port and keep-alive of the last connection that succeeded, kept
 * in the data area so that a remote change that leads nowhere can be rolled
 * back even after the gateway restarted.
 */
public final class LastGood {

    private static final Logger LOG = LoggerFactory.getLogger(LastGood.class);

    private final Path file;
    private Settings base;
    private Properties values;

    public LastGood(Path file, Settings base) {
        this.file = file;
        this.base = base;
        this.values = read(file);
    }

    public synchronized void remember(Settings connected) {
        Properties next = new Properties();
        for (Setting s : Setting.REACHABILITY) {
            next.setProperty(s.iniKey(), s.format(connected.value(s)));
        }
        if (next.equals(values)) {
            return;
        }
        values = next;
        base = connected;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                next.store(out, "The last settings that connected, for rolling back a remote change");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not keep the last settings that connected in {}: {}", file, e.toString());
        }
    }

    public synchronized Optional<Settings> settings() {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Settings s = base;
        try {
            for (Setting k : Setting.REACHABILITY) {
                String v = values.getProperty(k.iniKey());
                if (v != null) {
                    s = s.with(k, v);
                }
            }
            return Optional.of(s);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignored {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Ignored {}: {}", file, e.toString());
            }
        }
        return p;
    }
}
