package trin.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The distribution's directory ({@code trin.home}) and the places in it.
 *
 * <pre>
 * bin/            the trin script and the systemd unit
 * lib/            the launcher's class path: Felix, this launcher, Paho, SLF4J
 * lib/devbroker/  the LOCAL development broker (trin.devbroker, Moquette, Netty), loaded for the LOCAL set-up only
 * bundle/         every bundle the runtime installs
 * bundle/local/   bundles of the LOCAL set-up only (the sample application)
 * bundle/console/ the optional web console: installed unless conf/framework.properties says trin.console=false
 * conf/           &lt;pid&gt;.cfg files (Configuration Admin), system.properties, framework.properties
 * data/           made at run time: framework cache, local key, settings, outbox, control socket
 * </pre>
 */
record Home(Path dir) {

    /** The system property bin/trin sets to the distribution's directory. */
    static final String PROPERTY = "trin.home";

    /**
     * The system property naming the trin command as its user types it, for the messages that tell what to
     * run (the Debian package's conf/system.properties says {@code sudo trin}); unset, {@code bin/trin} as
     * seen from the working directory.
     */
    static final String COMMAND = "trin.command";

    Home {
        dir = dir.toAbsolutePath().normalize();
    }

    /** From {@value #PROPERTY}, else the directory above the launcher's jar in {@code lib/}. */
    static Home locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new Home(Path.of(configured));
        }
        try {
            Path jar = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Home(Files.isDirectory(jar) ? Path.of("") : jar.getParent().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return new Home(Path.of(""));
        }
    }

    Path conf() {
        return dir.resolve("conf");
    }

    Path conf(String file) {
        return conf().resolve(file);
    }

    Path bundles() {
        return dir.resolve("bundle");
    }

    /** Bundles installed only while {@code conf/} selects the LOCAL set-up; uninstalled otherwise. */
    Path localBundles() {
        return bundles().resolve("local");
    }

    /** The optional web console's bundles: installed unless {@code trin.console=false} in conf/framework.properties. */
    Path consoleBundles() {
        return bundles().resolve("console");
    }

    /** The LOCAL development broker's jars: on a class loader of their own, for the LOCAL set-up only. */
    Path devBrokerLib() {
        return dir.resolve("lib").resolve("devbroker");
    }

    Path data() {
        return dir.resolve("data");
    }

    /** Private to the user the runtime runs as (0700): the lock, the control socket, scratch space. */
    Path run() {
        return data().resolve("run");
    }

    /** Creates {@link #run()} if needed, owner-only. */
    Path prepareRun() throws IOException {
        Files.createDirectories(run());
        if (run().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(run(), PosixFilePermissions.fromString("rwx------"));
        }
        return run();
    }

    Path socket() {
        return run().resolve("trin.sock");
    }

    Path frameworkCache() {
        return data().resolve("felix-cache");
    }

    /** The key directory of the local development identity. */
    Path localKeyDir() {
        return data().resolve("local-key");
    }

    /** {@code bin/trin} as the user would type it from the current directory, unless {@value #COMMAND} says. */
    String script() {
        String command = System.getProperty(COMMAND);
        if (command != null && !command.isBlank()) {
            return command.strip();
        }
        Path script = dir.resolve("bin").resolve("trin");
        Path cwd = Path.of("").toAbsolutePath();
        if (script.startsWith(cwd)) {
            Path relative = cwd.relativize(script);
            return relative.getNameCount() == 2 ? "bin/trin" : relative.toString();
        }
        return script.toString();
    }
}
