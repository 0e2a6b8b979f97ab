package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.JSON;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.health.Detail;
import trin.api.health.HealthReporter;
import trin.client.internal.report.HealthCollector;

/** The dump and the periodic report carry every reporter's data, and a broken reporter breaks only itself. */
class HealthReportsTest extends Scenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }

    private static Map.Entry<Map<String, Object>, HealthReporter> system(int ranking, HealthReporter reporter) {
        return Map.entry(Map.of(HealthReporter.SCOPE, HealthReporter.SCOPE_SYSTEM, Constants.SERVICE_RANKING, ranking),
                reporter);
    }

    private static HealthReporter detailed(String name) {
        return new HealthReporter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> report(Detail detail) {
                return detail == Detail.FULL ? Map.of("cpu_tmp", 40.0, "mem", Map.of("total", 1, "percent", 50.0))
                        : Map.of("cpu_tmp", 40.0, "mem", Map.of("percent", 50.0));
            }
        };
    }

    private JsonNode data(String key) throws Exception {
        return JSON.readTree(awaitData(key).payload()).get("d").get(1);
    }

    @Test
    void systemReportersGiveTopLevelKeysAndTheHigherRankedWins() throws Exception {
        sampleDevice();
        harness.reporters.add(system(0, detailed("system")));
        harness.reporters.add(system(100, reporter("raspberrypi", Map.of("cpu_tmp", 48.3, "volts", 1.2))));
        harness.start();

        JsonNode dump = data("\"ip\"");

        assertThat(dump.get("cpu_tmp").asDouble()).isEqualTo(48.3);
        assertThat(dump.get("volts").asDouble()).isEqualTo(1.2);
        assertThat(dump.get("mem").get("total").asInt()).isEqualTo(1);
        assertThat(dump.get("door_sensor").get("open").asBoolean()).isFalse();
    }

    @Test
    void thePeriodicReportIsBasicAndFollowsTheReportersPresent() throws Exception {
        sampleDevice().with("pdrInterval", 1);
        harness.reporters.add(system(0, detailed("system")));
        harness.start();
        data("\"ip\"");
        harness.platform.clear();

        JsonNode basic = data("cpu_tmp");
        assertThat(basic.get("mem").has("total")).isFalse();
        assertThat(basic.has("door_sensor")).isTrue();

        harness.reporters.removeIf(e -> "door_sensor".equals(e.getValue().name()));
        harness.reporters.add(Map.entry(Map.of(), reporter("pump", Map.of("running", true))));
        harness.refreshServices();
        harness.platform.clear();

        JsonNode next = data("pump");
        assertThat(next.has("door_sensor")).isFalse();
        assertThat(next.get("pump").get("running").asBoolean()).isTrue();
    }

    @Test
    void aReporterThatThrowsOrHangsIsLeftOutAndNamed() throws Exception {
        sampleDevice().with("healthTimeout", 300);
        harness.reporters.add(Map.entry(Map.of(), new HealthReporter() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Map<String, Object> report(Detail detail) {
                throw new IllegalStateException("sensor unplugged");
            }
        }));
        harness.reporters.add(Map.entry(Map.of(), new HealthReporter() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public Map<String, Object> report(Detail detail) throws InterruptedException {
                Thread.sleep(60_000);
                return Map.of();
            }
        }));
        harness.start();

        JsonNode dump = data("\"ip\"");

        assertThat(dump.get("door_sensor").get("open").asBoolean()).isFalse();
        assertThat(dump.has("broken")).isFalse();
        assertThat(dump.get(HealthCollector.ERRORS_KEY).get("broken").asText()).contains("sensor unplugged");
        assertThat(dump.get(HealthCollector.ERRORS_KEY).get("stuck").asText()).contains("timed out");
        assertThat(harness.client.status().connected()).isTrue();
    }
}
