package trin.client.internal.upgrade;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the new jars of an upgrade into a staging directory and checks
 * them before any bundle is touched: each must match its published SHA-256
 * ({@code <bsn>.jar.sha256} next to it, as {@code sha256sum} writes it) when
 * there is one, which proves the download intact; must be signed, every
 * entry, by a key of {@link UpgradeTrust}, which proves the owner made it
 * ({@link SignedJars}); and must be a bundle of the expected symbolic name.
 * The checks read the staged copy, which is what the update installs. A
 * bundle with no new jar is left as it is.
 */
final class Staging {

    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);

    /** A checked new jar, ready for {@code Bundle.update}. */
    record Staged(Bundle bundle, Path jar, String version) {
    }

    /** The upgrade cannot go on; the message says why, for the reply. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final String location;
    private final Path dir;
    private final UpgradeTrust trust;

    /**
     * @param location a directory or URL prefix holding {@code <bsn>.jar}; empty for each bundle's own location
     * @param dir where the fetched jars are kept until the update
     * @param trust the keys that must have signed every new jar
     */
    Staging(String location, Path dir, UpgradeTrust trust) {
        this.location = location == null ? "" : location.trim();
        this.dir = dir;
        this.trust = trust;
    }

    /** Fetches and checks every bundle's new jar; refuses the whole upgrade if any is wrong. */
    Map<String, Staged> stage(List<Bundle> bundles) throws Refused {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Refused("cannot write " + dir + ": " + e.getMessage());
        }
        Map<String, Staged> staged = new LinkedHashMap<>();
        for (Bundle bundle : bundles) {
            fetch(bundle).ifPresent(s -> staged.put(bundle.getSymbolicName(), s));
        }
        if (staged.isEmpty()) {
            throw new Refused("no new bundles found at " + (location.isEmpty() ? "the bundles' locations" : location));
        }
        return staged;
    }

    private Optional<Staged> fetch(Bundle bundle) throws Refused {
        String name = bundle.getSymbolicName();
        String source = source(bundle);
        Path jar = dir.resolve(name + ".jar");
        String digest;
        try {
            digest = copy(source, jar);
        } catch (FileNotFoundException | NoSuchFileException e) {
            LOG.info("No new jar for {} at {}: it is kept as it is", name, source);
            return Optional.empty();
        } catch (MalformedURLException | IllegalArgumentException e) {
            // e.g. osgi-dp:trin.client, a bundle a deployment package installed: upgraded with a new package
            LOG.info("{} was installed from {}, not a URL to read: it is kept as it is", name, source);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new Refused("cannot read " + source + ": " + e);
        }
        Optional<String> published = publishedDigest(source + ".sha256");
        if (published.isPresent() && !published.get().equals(digest)) {
            throw new Refused(name + ".jar does not match its SHA-256 (" + source + ".sha256): " + digest
                    + " instead of " + published.get());
        }
        SignedJars.verify(jar, name + ".jar", trust);
        String version = checkManifest(name, jar);
        LOG.info("Staged {} {} from {}, signed by a trusted key{}", name, version, source,
                published.isPresent() ? ", SHA-256 checked" : ", no SHA-256 published");
        return Optional.of(new Staged(bundle, jar, version));
    }

    private String source(Bundle bundle) {
        String name = bundle.getSymbolicName() + ".jar";
        if (location.isEmpty()) {
            String own = bundle.getLocation();
            return own.startsWith("reference:") ? own.substring("reference:".length()) : own;
        }
        if (location.contains(":/") && !Files.isDirectory(Path.of(location))) {
            return (location.endsWith("/") ? location : location + "/") + name;
        }
        return Path.of(location).resolve(name).toUri().toString();
    }

    /** Copies {@code source} to {@code target}, returning its SHA-256 in lower-case hex. */
    private static String copy(String source, Path target) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(open(source), sha256)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static Optional<String> publishedDigest(String source) throws Refused {
        try (InputStream in = open(source)) {
            String text = new String(in.readNBytes(4096), StandardCharsets.US_ASCII).trim();
            String first = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (!first.matches("[0-9a-f]{64}")) {
                throw new Refused(source + " does not start with a SHA-256 in hex");
            }
            return Optional.of(first);
        } catch (FileNotFoundException | NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new Refused("cannot read " + source + ": " + e);
        }
    }

    private static String checkManifest(String name, Path jar) throws Refused {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String symbolicName = String.valueOf(main.getValue(Constants.BUNDLE_SYMBOLICNAME)).split(";")[0].trim();
            if (!name.equals(symbolicName)) {
                throw new Refused(name + ".jar holds bundle " + symbolicName + ", not " + name);
            }
            String version = main.getValue(Constants.BUNDLE_VERSION);
            return version == null ? "0.0.0" : version.trim();
        } catch (IOException e) {
            throw new Refused(name + ".jar is not a jar: " + e.getMessage());
        }
    }

    private static InputStream open(String source) throws IOException {
        return URI.create(source).toURL().openStream();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
