package trin.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.Test;

import trin.metrics.internal.Exposition.Type;

class ExpositionTest {

    @Test
    void givenCountersGaugesAndAwkwardLabels_thenAParserReadsThemBack() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("reporter", "door \"front\"\\back");
        labels.put("key", "line\nbreak");
        String text = new Exposition()
                .single("trin_messages_sent_total", Type.COUNTER, "Sent \\ with\nnewline.", 42)
                .family("trin_health_value", Type.GAUGE, "Values.").sample(labels, 21.5)
                .sample(Map.of("reporter", "x", "key", "y"), Double.NaN)
                .single("trin_jvm_heap_max_bytes", Type.GAUGE, "Max.", 67108864)
                .text();

        Map<String, MetricFamily> families = PrometheusText.parse(text);

        assertThat(families).containsOnlyKeys("trin_messages_sent_total", "trin_health_value",
                "trin_jvm_heap_max_bytes");
        assertThat(families.get("trin_messages_sent_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(PrometheusText.value(families.get("trin_messages_sent_total").getMetrics().get(0))).isEqualTo(42);
        var health = families.get("trin_health_value").getMetrics();
        assertThat(health.get(0).getLabels()).containsEntry("reporter", "door \"front\"\\back")
                .containsEntry("key", "line\nbreak");
        assertThat(PrometheusText.value(health.get(0))).isEqualTo(21.5);
        assertThat(PrometheusText.value(health.get(1))).isNaN();
        assertThat(PrometheusText.value(families.get("trin_jvm_heap_max_bytes").getMetrics().get(0)))
                .isEqualTo(67108864);
        assertThat(text).contains("trin_jvm_heap_max_bytes 67108864\n");
    }

    @Test
    void givenABadNameOrAFamilyTwice_thenRefused() {
        assertThatThrownBy(() -> new Exposition().family("trin-bad", Type.GAUGE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Exposition().single("trin_a", Type.GAUGE, "x", 1).family("trin_a", Type.GAUGE,
                "x")).isInstanceOf(IllegalStateException.class);
    }
}
