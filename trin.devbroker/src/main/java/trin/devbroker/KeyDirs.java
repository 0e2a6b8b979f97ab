package trin.devbroker;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Provisioned key directories, as registration leaves them: {@code trinqtt} and {@code trinqtt.cid}. */
public final class KeyDirs {

    /** The key file's name inside a key directory. */
    public static final String KEY_FILE = "trinqtt";
    /** The CID file's name inside a key directory. */
    public static final String CID_FILE = "trinqtt.cid";

    private KeyDirs() {
    }

    /**
     * Creates {@code dir} if needed and writes the raw key (mode 0600) and the CID followed by a
     * newline (mode 0644), replacing what was there.
     *
     * @return {@code dir}
     */
    public static Path provision(Path dir, String cid, byte[] key) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve(KEY_FILE), key, "rw-------");
        write(dir.resolve(CID_FILE), (cid + "\n").getBytes(UTF_8), "rw-r--r--");
        return dir;
    }

    private static void write(Path file, byte[] content, String mode) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            // Restrict the mode before the content is written, so the key is never readable by others.
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        if (posix) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        }
    }
}
