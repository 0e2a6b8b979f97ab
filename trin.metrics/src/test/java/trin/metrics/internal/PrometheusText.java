package trin.metrics.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;

/** Text in the exposition format, read by Hawkular's parser: families by name. */
final class PrometheusText {

    private PrometheusText() {
    }

    static Map<String, MetricFamily> parse(String text) throws IOException {
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(text.getBytes(UTF_8)));
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
            families.put(family.getName(), family);
        }
        return families;
    }

    static double value(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getValue();
        }
        if (metric instanceof Gauge gauge) {
            return gauge.getValue();
        }
        throw new IllegalArgumentException(metric.getName() + " is neither a counter nor a gauge");
    }
}
