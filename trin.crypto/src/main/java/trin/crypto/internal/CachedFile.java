package trin.crypto.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A small file read on every use, but only re-read when it changed: one
 * {@code stat} per use. A replaced file (an atomic move) has a new inode, so
 * a registration's new key is picked up at once.
 */
final class CachedFile {

    private record Snapshot(Object fileKey, FileTime modified, long size, byte[] content) {

        boolean sameFile(BasicFileAttributes attributes) {
            return Objects.equals(fileKey, attributes.fileKey())
                    && modified.equals(attributes.lastModifiedTime())
                    && size == attributes.size();
        }
    }

    private final Path path;
    private final Class<? extends BasicFileAttributes> attributeType;
    private final BiConsumer<Path, BasicFileAttributes> onLoad;
    private volatile Snapshot snapshot;

    /**
     * @param onLoad called with the file's attributes each time its content is
     *        (re)loaded
     */
    CachedFile(Path path, BiConsumer<Path, BasicFileAttributes> onLoad) {
        this.path = path;
        this.attributeType = FileModes.attributeType(path);
        this.onLoad = onLoad;
    }

    Path path() {
        return path;
    }

    /**
     * @return the file's content; shared, not to be modified
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     */
    byte[] read() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, attributeType);
        Snapshot current = snapshot;
        if (current != null && current.sameFile(attributes)) {
            return current.content();
        }
        byte[] content = Files.readAllBytes(path);
        // Attributes taken before the read: a change in between is seen at the next use.
        snapshot = new Snapshot(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), content);
        onLoad.accept(path, attributes);
        return content;
    }
}
