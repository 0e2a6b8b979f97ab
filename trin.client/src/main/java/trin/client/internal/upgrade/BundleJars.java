package trin.client.internal.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;

/**
 * Writes what a bundle holds now as a jar, so that it can be put back: the
 * framework keeps a bundle's content in its cache, not where it came from,
 * which may since have been overwritten. The manifest first, then the
 * bundle's own entries (not its fragments').
 */
final class BundleJars {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private BundleJars() {
    }

    static void write(Bundle bundle, Path target) throws IOException {
        URL manifestEntry = bundle.getEntry(MANIFEST);
        if (manifestEntry == null) {
            throw new IOException(bundle.getSymbolicName() + " has no manifest");
        }
        Manifest manifest;
        try (InputStream in = manifestEntry.openStream()) {
            manifest = new Manifest(in);
        }
        Files.createDirectories(target.getParent());
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            Deque<String> folders = new ArrayDeque<>();
            folders.add("/");
            while (!folders.isEmpty()) {
                Enumeration<String> paths = bundle.getEntryPaths(folders.poll());
                while (paths != null && paths.hasMoreElements()) {
                    String path = paths.nextElement();
                    if (path.endsWith("/")) {
                        folders.add(path);
                    } else if (!path.equalsIgnoreCase(MANIFEST)) {
                        copy(bundle, path, jar);
                    }
                }
            }
        }
    }

    private static void copy(Bundle bundle, String path, JarOutputStream jar) throws IOException {
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            return;
        }
        jar.putNextEntry(new JarEntry(path.startsWith("/") ? path.substring(1) : path));
        try (InputStream in = entry.openStream()) {
            in.transferTo(jar);
        }
        jar.closeEntry();
    }
}
