package trin.crypto.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.device.NotProvisionedException;

/**
 * The key ({@code trinqtt}, raw bytes, used whole) and the CID
 * ({@code trinqtt.cid}, first line, trimmed) of a key directory.
 */
final class KeyFiles {

    static final String KEY_FILE = "trinqtt";
    static final String CID_FILE = "trinqtt.cid";

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

    private final CachedFile key;
    private final CachedFile cid;

    KeyFiles(Path keyDir) {
        this.key = new CachedFile(keyDir.resolve(KEY_FILE), KeyFiles::checkKeyMode);
        this.cid = new CachedFile(keyDir.resolve(CID_FILE), (path, attributes) -> { });
    }

    Path keyPath() {
        return key.path();
    }

    Path cidPath() {
        return cid.path();
    }

    /** @return the key; shared, not to be modified */
    byte[] key() throws NotProvisionedException {
        byte[] content = read(key);
        if (content.length == 0) {
            throw notProvisioned(key.path() + " is empty");
        }
        return content;
    }

    String cid() throws NotProvisionedException {
        String text = new String(read(cid), StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String firstLine = (end < 0 ? text : text.substring(0, end)).strip();
        if (firstLine.isEmpty()) {
            throw notProvisioned(cid.path() + " has no CID on its first line");
        }
        return firstLine;
    }

    private static byte[] read(CachedFile file) throws NotProvisionedException {
        try {
            return file.read();
        } catch (NoSuchFileException e) {
            throw notProvisioned(file.path() + " is missing");
        } catch (AccessDeniedException e) {
            // A key left by another user (the Python client's, made by root): the owner must hand it over.
            String user = System.getProperty("user.name");
            throw new NotProvisionedException("The device's key cannot be read: " + file.path() + " is not readable by "
                    + user + ", the user trin runs as. Give it to that user, keeping it private: sudo chown " + user
                    + " " + file.path() + " && sudo chmod 600 " + file.path());
        } catch (IOException e) {
            throw notProvisioned("cannot read " + file.path() + " (" + e + ")");
        }
    }

    private static NotProvisionedException notProvisioned(String problem) {
        return new NotProvisionedException("The device is not provisioned: " + problem
                + ". Register it with trin:register <username> in the shell, or " + command() + " register <username>.");
    }

    /** The trin command as its user types it: the launcher's {@code trin.command} (e.g. {@code sudo trin}), else bin/trin. */
    private static String command() {
        String command = System.getProperty("trin.command");
        return command == null || command.isBlank() ? "bin/trin" : command.strip();
    }

    private static void checkKeyMode(Path path, BasicFileAttributes attributes) {
        if (FileModes.openToOthers(attributes)) {
            LOG.warn("The key file {} is open to other users (mode {}); it is used anyway. Fix it with: chmod 600 {}",
                    path, FileModes.octal(attributes), path);
        }
    }
}
