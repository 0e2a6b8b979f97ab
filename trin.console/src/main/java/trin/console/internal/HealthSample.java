package trin.console.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reading of the machine's health, in percent and degrees Celsius; a
 * value this machine does not report is {@code null}.
 */
record HealthSample(Instant time, Double cpu, Double memory, Double disk, Double temperature) {

    /**
     * From the merged basic report of the system reporters: {@code cpu_usg},
     * {@code mem.percent}, the root file system's (or else the first one's)
     * {@code percent} in {@code disks}, and {@code cpu_tmp}.
     */
    static HealthSample of(Instant time, Map<String, Object> report) {
        return new HealthSample(time, number(report.get("cpu_usg")), number(percent(report.get("mem"))),
                number(disk(report.get("disk"), report.get("disks"))), number(report.get("cpu_tmp")));
    }

    boolean empty() {
        return cpu == null && memory == null && disk == null && temperature == null;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("time", time.toString());
        map.put("cpu", cpu);
        map.put("memory", memory);
        map.put("disk", disk);
        map.put("temperature", temperature);
        return map;
    }

    private static Object percent(Object usage) {
        return usage instanceof Map<?, ?> m ? m.get("percent") : null;
    }

    private static Object disk(Object root, Object others) {
        if (root != null || !(others instanceof Map<?, ?> m) || m.isEmpty()) {
            return percent(root);
        }
        return percent(m.values().iterator().next());
    }

    private static Double number(Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        return null;
    }
}
