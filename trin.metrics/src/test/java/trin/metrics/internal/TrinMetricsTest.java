package trin.metrics.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.hawkular.agent.prometheus.types.MetricFamily;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.health.Detail;
import trin.api.health.HealthReporter;
import trin.testkit.Await;
import trin.testkit.Configurations;

class TrinMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private final CountDownLatch release = new CountDownLatch(1);
    private TrinMetrics metrics;
    private TextfileWriter writer;

    @AfterEach
    void stop() {
        release.countDown();
        if (writer != null) {
            writer.deactivate();
        }
        if (metrics != null) {
            metrics.deactivate();
        }
    }

    @Test
    void givenAReporterThatHangs_thenItIsLeftOutAndNotCalledAgainUntilItReturns_andTheOthersReport()
            throws Exception {
        AtomicInteger hangingCalls = new AtomicInteger();
        metrics = new TrinMetrics(config(Map.of("healthTimeout", 2000)));
        metrics.reporters = List.of(reporter("door", Map.of("open", true, "temp", Map.of("c", 21.5))),
                new HealthReporter() {
                    @Override
                    public String name() {
                        return "stuck";
                    }

                    @Override
                    public Map<String, Object> report(Detail detail) throws Exception {
                        hangingCalls.incrementAndGet();
                        release.await();
                        return Map.of("late", 1);
                    }
                });

        Map<String, MetricFamily> first = PrometheusText.parse(metrics.scrape());
        Map<String, MetricFamily> second = PrometheusText.parse(metrics.scrape());

        assertThat(up(first, "stuck")).isZero();
        assertThat(up(second, "stuck")).isZero();
        assertThat(hangingCalls).hasValue(1);
        assertThat(up(first, "door")).isEqualTo(1);
        assertThat(first.get("trin_health_value").getMetrics())
                .anySatisfy(m -> assertThat(m.getLabels()).containsEntry("reporter", "door").containsEntry("key", "open"))
                .anySatisfy(m -> assertThat(m.getLabels()).containsEntry("key", "temp.c"));
        assertThat(first.get("trin_client_up").getMetrics()).singleElement()
                .satisfies(m -> assertThat(PrometheusText.value(m)).isZero());
        assertThat(first).doesNotContainKey("trin_connected").containsKeys("trin_jvm_heap_used_bytes",
                "trin_outbox_capacity_messages");

        release.countDown();
        Await.until("the stuck reporter's late answer in a scrape", WAIT,
                () -> up(parse(metrics.scrape()), "stuck") == 1);
    }

    @Test
    void givenATextfile_thenItIsWrittenWhole_andRewritten_withNoOtherPromFileBesideIt() throws Exception {
        Path file = temp.resolve("trin.prom");
        metrics = new TrinMetrics(config(Map.of()));
        AtomicInteger loops = new AtomicInteger();
        metrics.reporters = List.of(new HealthReporter() {
            @Override
            public String name() {
                return "counter";
            }

            @Override
            public Map<String, Object> report(Detail detail) {
                return Map.of("loops", loops.incrementAndGet());
            }
        });

        writer = new TextfileWriter(metrics, config(Map.of("textfile", file.toString(), "textfileInterval", 1)));

        Await.until("a second rewrite of " + file, WAIT, () -> Files.exists(file) && loops(file) >= 2);
        assertThat(parse(Files.readString(file, UTF_8))).containsKeys("trin_client_up", "trin_jvm_threads");
        try (var files = Files.list(temp)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".prom")))
                    .containsExactly("trin.prom");
        }
    }

    private static double loops(Path file) {
        try {
            return parse(Files.readString(file, UTF_8)).get("trin_health_value").getMetrics().stream()
                    .filter(m -> "loops".equals(m.getLabels().get("key"))).mapToDouble(PrometheusText::value)
                    .findFirst().orElse(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, MetricFamily> parse(String text) {
        try {
            return PrometheusText.parse(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double up(Map<String, MetricFamily> families, String reporter) {
        return families.get("trin_health_reporter_up").getMetrics().stream()
                .filter(m -> reporter.equals(m.getLabels().get("reporter"))).mapToDouble(PrometheusText::value)
                .findFirst().orElseThrow();
    }

    private static HealthReporter reporter(String name, Map<String, Object> values) {
        return new HealthReporter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> report(Detail detail) {
                return values;
            }
        };
    }

    private static MetricsConfiguration config(Map<String, ?> values) {
        return Configurations.of(MetricsConfiguration.class, values);
    }
}
