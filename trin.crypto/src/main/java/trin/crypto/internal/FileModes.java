package trin.crypto.internal;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The modes of the key and CID files, where the file system has them. */
final class FileModes {

    static final Set<PosixFilePermission> KEY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> CID = PosixFilePermissions.fromString("rw-r--r--");

    private FileModes() {
    }

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static Class<? extends BasicFileAttributes> attributeType(Path path) {
        return posix(path) ? PosixFileAttributes.class : BasicFileAttributes.class;
    }

    /** Whether anyone but the owner may do anything with the file. */
    static boolean openToOthers(BasicFileAttributes attributes) {
        if (!(attributes instanceof PosixFileAttributes posix)) {
            return false;
        }
        Set<PosixFilePermission> permissions = posix.permissions();
        return permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
    }

    static String octal(BasicFileAttributes attributes) {
        if (!(attributes instanceof PosixFileAttributes posix)) {
            return "?";
        }
        int mode = 0;
        for (PosixFilePermission p : posix.permissions()) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}
