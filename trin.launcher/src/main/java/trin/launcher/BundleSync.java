package trin.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the framework's bundles in line with {@code bundle/} (and {@code bundle/local/},
 * {@code bundle/console/} where they apply) before it starts: installs what is new, updates what
 * changed (by checksum), uninstalls what went away, and sets each bundle's start level.
 */
final class BundleSync {

    private static final Logger LOG = LoggerFactory.getLogger(BundleSync.class);

    private BundleSync() {
    }

    static Path checksumFile(Path storage) {
        return storage.resolveSibling(storage.getFileName() + ".checksums");
    }

    static void sync(BundleContext context, Home home, boolean local, boolean console, Path checksumFile,
            Predicate<String> components) {
        Path dir = home.bundles();
        List<Path> jars = jars(dir);
        if (local && Files.isDirectory(home.localBundles())) {
            jars.addAll(jars(home.localBundles()));
        }
        if (console && Files.isDirectory(home.consoleBundles())) {
            jars.addAll(jars(home.consoleBundles()));
        }
        String consolePrefix = home.consoleBundles().toUri().toString();
        Properties checksums = loadChecksums(checksumFile);
        Properties current = new Properties();
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            Bundle bundle = installed.remove(location);
            try {
                String recorded = checksums.getProperty(location);
                String checksum = checksum(jar, recorded);
                if (bundle == null) {
                    bundle = context.installBundle(location);
                    LOG.debug("Installed {}", jar.getFileName());
                } else if (!sameContent(checksum, recorded)) {
                    bundle.update();
                    LOG.info("Updated {} from {}", bundle.getSymbolicName(), jar.getFileName());
                }
                current.setProperty(location, checksum);
                arrange(bundle, components, location.startsWith(consolePrefix));
            } catch (BundleException | IOException | RuntimeException e) {
                LOG.warn("Cannot install {}: {}", jar, e.getMessage());
            }
        }
        String prefix = dir.toUri().toString();
        String localPrefix = home.localBundles().toUri().toString();
        for (Bundle gone : installed.values()) {
            if (gone.getLocation().startsWith(prefix)) {
                try {
                    gone.uninstall();
                    if (!local && gone.getLocation().startsWith(localPrefix)) {
                        LOG.info("Uninstalled {}: it belongs to the LOCAL development set-up ({}), and conf/ selects "
                                + "another broker", gone.getSymbolicName(), home.localBundles());
                    } else if (!console && gone.getLocation().startsWith(consolePrefix)) {
                        LOG.info("Uninstalled {}: the web console is off ({}=false)", gone.getSymbolicName(),
                                OsgiRuntime.CONSOLE);
                    } else {
                        LOG.info("Uninstalled {}: its jar is no longer in {}", gone.getSymbolicName(), dir);
                    }
                } catch (BundleException e) {
                    LOG.warn("Cannot uninstall {}: {}", gone.getSymbolicName(), e.getMessage());
                }
            }
        }
        if (!current.equals(checksums)) {
            try (OutputStream out = Files.newOutputStream(checksumFile)) {
                current.store(out, "size-CRC-32;file stamp of the jars of bundle/ as installed in the framework cache");
            } catch (IOException e) {
                LOG.warn("Cannot write {}: changed bundles will be updated again at the next start", checksumFile);
            }
        }
    }

    private static Properties loadChecksums(Path file) {
        Properties checksums = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            checksums.load(in);
        } catch (NoSuchFileException e) {
            // a first start, or a new cache
        } catch (IOException e) {
            LOG.debug("Cannot read {}: every bundle is updated", file);
        }
        return checksums;
    }

    /**
     * The jar's size and CRC-32, then {@code ;} and its file stamp (size, modification time, inode). A
     * jar whose stamp is the one recorded keeps its recorded checksum without being read: 15 MB of
     * jars on a Raspberry Pi's SD card are most of a second at every start.
     */
    static String checksum(Path jar, String recorded) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        String stamp = attributes.size() + "@" + attributes.lastModifiedTime().toMillis() + "@"
                + attributes.fileKey();
        if (recorded != null && recorded.endsWith(";" + stamp)) {
            return recorded;
        }
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[65536];
        try (InputStream in = Files.newInputStream(jar)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return attributes.size() + "-" + Long.toHexString(crc.getValue()) + ";" + stamp;
    }

    /** Whether two checksums say the same content, whatever their file stamps. */
    static boolean sameContent(String checksum, String recorded) {
        return recorded != null && content(checksum).equals(content(recorded));
    }

    private static String content(String checksum) {
        int stamp = checksum.indexOf(';');
        return stamp < 0 ? checksum : checksum.substring(0, stamp);
    }

    /** Sets the start level and whether the bundle starts with the framework. */
    private static void arrange(Bundle bundle, Predicate<String> components, boolean console)
            throws BundleException {
        String name = String.valueOf(bundle.getSymbolicName());
        boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        boolean hasComponents = bundle.getHeaders("").get("Service-Component") != null;
        int level = console ? OsgiRuntime.CONSOLE_LEVEL
                : name.equals(OsgiRuntime.FILEINSTALL) ? OsgiRuntime.CONFIGURATION
                : name.equals(OsgiRuntime.SHELL) || hasComponents ? OsgiRuntime.COMPONENTS : OsgiRuntime.LIBRARIES;
        bundle.adapt(BundleStartLevel.class).setStartLevel(level);
        if (fragment) {
            return;
        }
        // The shell is started by startShell(), never with the framework; components and the console only
        // where the command wants them (bin/trin register runs a few components, and no HTTP service).
        boolean chosen = level != OsgiRuntime.COMPONENTS && level != OsgiRuntime.CONSOLE_LEVEL
                || components.test(name);
        boolean start = !name.equals(OsgiRuntime.SHELL) && chosen;
        if (start) {
            bundle.start();
        } else {
            bundle.stop();
        }
    }

    private static List<Path> jars(Path dir) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            throw new LauncherException("Cannot list the bundles in " + dir + ": " + e, e);
        }
        jars.sort(null);
        return jars;
    }
}
