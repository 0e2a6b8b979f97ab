package trin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the distribution pointed at the driver's Mosquitto, one per JDK (a fresh {@code data/}, so each
 * JDK writes its own class data sharing archive): not LOCAL (a key directory of its own), the sample application
 * in {@code bundle/}, the web console as shipped (on) unless {@code --console false}.
 */
final class TrinCopy {

    private TrinCopy() {
    }

    /** {@code client} adds trin.client properties ({@code name=value,...}, a setting under trial). */
    static Path create(Path dist, Path home, int port, boolean console, String client) throws IOException {
        try (Stream<Path> paths = Files.walk(dist)) {
            for (Path source : paths.toList()) {
                Path rel = dist.relativize(source);
                if (rel.startsWith("data")) {
                    continue;
                }
                Path target = home.resolve(rel.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        try (Stream<Path> local = Files.list(home.resolve("bundle/local"))) {
            for (Path jar : local.toList()) {
                Files.copy(jar, home.resolve("bundle").resolve(jar.getFileName()));
            }
        }
        Path conf = home.resolve("conf");
        List<String> properties = new ArrayList<>(List.of("host=127.0.0.1", "port=" + port, "local=false",
                "trustEmptySender=false", "settingsFile=${trin.home}/data/trinmqtt.ini",
                "outboxDir=${trin.home}/data/outbox", "pdrInterval=3600"));
        if (!client.isBlank()) {
            properties.addAll(List.of(client.split(",")));
        }
        Files.writeString(conf.resolve("trin.client.cfg"), String.join("\n", properties) + "\n");
        Files.writeString(conf.resolve("trin.crypto.cfg"), "keyDir=${trin.home}/data/bench-key\n");
        Files.writeString(conf.resolve("trin.hw.linux.cfg"), "uid=" + LoadBench.UID + "\nrebootCommand=/bin/true\n");
        if (!console) {
            Path framework = conf.resolve("framework.properties");
            Files.writeString(framework, Files.readString(framework).replace("trin.console=true", "trin.console=false"));
        }
        Path keyDir = Files.createDirectories(home.resolve("data/bench-key"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(keyDir.resolve("trinqtt"), key);
        Files.setPosixFilePermissions(keyDir.resolve("trinqtt"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(keyDir.resolve("trinqtt.cid"), LoadBench.CID + "\n");
        return home;
    }

    /**
     * {@code bin/trin} of the copy on {@code jdk} (its JAVA_HOME): the flags it ships for that JDK, plus
     * {@code trinOpts} as JAVA_OPTS when given (a profile, or a flag under trial); standard input a pipe, so no shell.
     */
    static Process launch(Children children, Path home, Jdk jdk, String trinOpts, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/trin").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("JAVA_HOME", jdk.home().toString());
        if (trinOpts != null) {
            pb.environment().put("JAVA_OPTS", trinOpts);
        }
        return children.start(pb);
    }
}
