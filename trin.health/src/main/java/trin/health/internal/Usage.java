package trin.health.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import trin.api.health.Detail;

/**
 * Memory or file system use in bytes, as {@code mem} and {@code disk} report
 * it: {@code {total, used, free, percent}} in full, {@code {percent}} in basic.
 */
record Usage(long total, long used, long free, double percent) {

    /**
     * Memory as {@code psutil.virtual_memory()} counts its percent: free is
     * what is available to programs without swapping (page cache included),
     * used is the rest.
     */
    static Optional<Usage> memory(long total, long available) {
        if (total <= 0 || available < 0 || available > total) {
            return Optional.empty();
        }
        long used = total - available;
        return Optional.of(new Usage(total, used, available, Rounding.oneDecimal(100.0 * used / total)));
    }

    /**
     * A file system as {@code df} and {@code psutil.disk_usage()} count it:
     * used is what is allocated, free is what an unprivileged user may still
     * use, and the blocks reserved for root are in neither, so the percent is
     * of used plus free.
     */
    static Optional<Usage> disk(long total, long unallocated, long usable) {
        if (total <= 0 || unallocated < 0 || usable < 0 || unallocated > total) {
            return Optional.empty();
        }
        long used = total - unallocated;
        long free = Math.min(usable, unallocated);
        double percent = used + free == 0 ? 0 : 100.0 * used / (used + free);
        return Optional.of(new Usage(total, used, free, Rounding.oneDecimal(percent)));
    }

    Map<String, Object> toMap(Detail detail) {
        if (detail == Detail.BASIC) {
            return Map.of("percent", percent);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("total", total);
        map.put("used", used);
        map.put("free", free);
        map.put("percent", percent);
        return map;
    }
}
