package trin.crypto.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces files so that a reader sees the old content or the new, never a
 * torn one or a key readable by others: each file is written to a temporary
 * file in the same directory, created with its final mode, synced, then
 * moved over the target.
 */
final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    record Content(byte[] bytes, Set<PosixFilePermission> mode) {
    }

    private AtomicFiles() {
    }

    /**
     * Writes every file of a directory (created if missing). All temporary
     * files are written before the first move, so a failure to write leaves
     * the old files as they were, and no temporary file behind.
     */
    static void replace(Path dir, Map<String, Content> files) throws IOException {
        Files.createDirectories(dir);
        boolean posix = FileModes.posix(dir);
        if (posix) {
            closeToOthers(dir);
        }
        Map<Path, Path> moves = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Content> file : files.entrySet()) {
                moves.put(writeTemp(dir, file.getKey(), file.getValue(), posix), dir.resolve(file.getKey()));
            }
            for (Map.Entry<Path, Path> move : moves.entrySet()) {
                move(move.getKey(), move.getValue());
            }
            syncDirectory(dir);
        } finally {
            // After the moves there is nothing left to delete; after a failure, the temporary files.
            moves.keySet().forEach(AtomicFiles::deleteQuietly);
        }
    }

    /*
     * Whoever may write to the directory may replace the key by a file of their own (a rename needs no
     * access to the file): a directory that others or the group may write to is narrowed before writing.
     */
    private static void closeToOthers(Path dir) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (mode.contains(PosixFilePermission.OTHERS_WRITE) || mode.contains(PosixFilePermission.GROUP_WRITE)) {
            Set<PosixFilePermission> narrowed = EnumSet.copyOf(mode);
            narrowed.remove(PosixFilePermission.OTHERS_WRITE);
            narrowed.remove(PosixFilePermission.GROUP_WRITE);
            Files.setPosixFilePermissions(dir, narrowed);
            LOG.warn("The key directory {} was writable by its group or by others ({}): narrowed to {}", dir,
                    PosixFilePermissions.toString(mode), PosixFilePermissions.toString(narrowed));
        }
    }

    private static Path writeTemp(Path dir, String name, Content content, boolean posix) throws IOException {
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FileModes.KEY)}
                : new FileAttribute<?>[0];
        // Created owner-only, whatever the final mode: never readable by others before it is complete.
        Path temp = Files.createTempFile(dir, "." + name + ".", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content.bytes());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix) {
                // Set explicitly: the umask may have narrowed the mode at creation.
                Files.setPosixFilePermissions(temp, content.mode());
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically", e);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary file {}: {}", temp, e.toString());
        }
    }

    /** Makes the renames durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // The files themselves are synced; only the rename may be lost on a power cut.
        }
    }
}
