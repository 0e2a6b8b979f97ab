package trin.apptest;

import java.util.Map;
import java.util.function.Predicate;

/** The health reports of a {@link Platform}: asks the device for one and reads a reporter's part. */
final class HealthReports {

    private final Platform platform;

    HealthReports(Platform platform) {
        this.platform = platform;
    }

    /** See {@link Platform#health(String)}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> part(String reporter) {
        int from = platform.mark();
        CommandReply reply = platform.call("0", "pub_full_data");
        if (reply.code() != 0) {
            throw new AssertionError("pub_full_data failed: " + reply.payload());
        }
        String topic = platform.topic("0", ">");
        Map<String, Object> report = platform.probe().await(from, m -> Wire.healthReport(m, topic),
                platform.timeout(), "health report on 0/> after pub_full_data");
        Object part = report.get(reporter);
        if (!(part instanceof Map<?, ?>)) {
            throw new AssertionError("no part '" + reporter + "' in the health report; its keys: " + report.keySet()
                    + (report.containsKey("health_errors") ? "; health_errors: " + report.get("health_errors") : ""));
        }
        return (Map<String, Object>) part;
    }

    /** See {@link Platform#awaitHealth(String, String, Predicate)}. */
    Map<String, Object> await(String reporter, String what, Predicate<Map<String, Object>> condition) {
        long deadline = System.nanoTime() + platform.timeout().toNanos();
        Map<String, Object> last = null;
        AssertionError lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = part(reporter);
                lastFailure = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (AssertionError e) {
                lastFailure = e;
            }
            // the next report is asked for once this one has come: the device sets the pace
        }
        throw new AssertionError("no health report where " + reporter + " " + what + " within "
                + Probe.seconds(platform.timeout()) + "; last part: " + last
                + (lastFailure == null ? "" : "; last failure: " + lastFailure.getMessage()));
    }
}
