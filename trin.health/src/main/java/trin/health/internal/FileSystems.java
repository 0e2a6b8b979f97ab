package trin.health.internal;

import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.health.Detail;

/**
 * Use of the root file system and of the configured mount points: one
 * {@code statvfs} per value, no mount table read. A path reports the file
 * system that holds it, as {@code df PATH} does.
 */
final class FileSystems {

    static final String ROOT = "/";
    private static final Logger LOG = LoggerFactory.getLogger(FileSystems.class);

    private final File root = new File(ROOT);
    private final List<String> mountPoints;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    FileSystems(String... mountPoints) {
        Set<String> paths = new LinkedHashSet<>();
        Arrays.stream(mountPoints).map(String::strip).filter(path -> !path.isEmpty()).forEach(paths::add);
        this.mountPoints = List.copyOf(paths);
    }

    Optional<Usage> root() {
        return usage(root);
    }

    /**
     * @return each configured mount point that is there, by its configured
     *         path, in configuration order
     */
    Map<String, Object> mountPoints(Detail detail) {
        Map<String, Object> usages = new LinkedHashMap<>();
        for (String path : mountPoints) {
            Optional<Usage> usage = usage(new File(path));
            if (usage.isPresent()) {
                usages.put(path, usage.get().toMap(detail));
                if (missing.remove(path)) {
                    LOG.info("Mount point {} is there again: back in health reports", path);
                }
            } else if (missing.add(path)) {
                LOG.warn("Mount point {} (trin.health mountPoints) is not there: left out of health reports", path);
            }
        }
        return usages;
    }

    private static Optional<Usage> usage(File path) {
        // 0 for a path that is not there or cannot be read
        long total = path.getTotalSpace();
        return total > 0 ? Usage.disk(total, path.getFreeSpace(), path.getUsableSpace()) : Optional.empty();
    }
}
