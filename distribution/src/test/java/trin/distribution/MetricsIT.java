package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.Test;

import trin.testkit.Await;
import trin.testkit.MqttProbe;

/**
 * {@code /trin/metrics} and the textfile on the built distribution run as a
 * process, read with a Prometheus text-format parser (Hawkular's) as a
 * scraper and node_exporter would: behind the console's password by default,
 * the command counter moving when the sample application answers, and open
 * without the password once the operator configures {@code anonymous=true}.
 */
class MetricsIT extends RuntimeTestSupport {

    private static final String SEED_COMMAND = "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void givenTheLocalSetUpWithATextfile_whenACommandIsAnswered_thenTheRepliesCounterMovesInBoth_andThePasswordGuardsIt()
            throws Exception {
        int mqttPort = Distribution.freePort();
        int httpPort = Distribution.freePort();
        Path textfile = temp.resolve("node_exporter/trin.prom");
        Files.createDirectories(textfile.getParent());
        trin = Distribution.copy(temp.resolve("dist"))
                .set("trin.client.cfg", "port", Integer.toString(mqttPort))
                .set("org.apache.felix.http.cfg", "org.osgi.service.http.port", Integer.toString(httpPort))
                .set("trin.metrics.cfg", "textfile", textfile.toString())
                .set("trin.metrics.cfg", "textfileInterval", "1")
                .start();
        Matcher connected = trin.awaitLog("^\\[INFO\\] BrokerConnection - Connected to tcp://localhost:" + mqttPort
                + " as (\\S+) in \\d+ ms$", START);
        String uid = connected.group(1);
        trin.awaitLog("web console's user is trin; its password was made at random", START);
        String password = Files.readString(trin.home().resolve("data/console.password"), UTF_8).strip();
        // The HTTP service starts once its configuration has arrived: trin says when the console is open.
        trin.awaitLog("Web console on " + Pattern.quote("http://127.0.0.1:" + httpPort + "/system/console/trin"),
                START);
        String url = "http://127.0.0.1:" + httpPort + "/trin/metrics";
        Await.until("/trin/metrics registered", START, () -> get(url, "trin", password).statusCode() == 200);

        assertThat(get(url, null, null).statusCode()).as("no password").isEqualTo(401);
        assertThat(get(url, "trin", "wrong").statusCode()).as("a wrong password").isEqualTo(401);
        HttpResponse<String> scrape = get(url, "trin", password);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "")).startsWith("text/plain;version=0.0.4"));
        Map<String, MetricFamily> before = parse(scrape.body());
        System.out.println("[figures] /trin/metrics:\n" + scrape.body());
        assertThat(before).containsKeys("trin_connected", "trin_connects_total", "trin_reconnects_total",
                "trin_messages_sent_total", "trin_messages_received_total", "trin_replies_sent_total",
                "trin_message_errors_total", "trin_messages_dropped_total", "trin_outbox_messages",
                "trin_outbox_capacity_messages", "trin_last_connect_timestamp_seconds", "trin_health_value",
                "trin_jvm_heap_used_bytes", "trin_jvm_threads");
        assertThat(before.get("trin_replies_sent_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(value(before, "trin_connected")).isEqualTo(1);
        assertThat(value(before, "trin_connects_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(before, "trin_outbox_capacity_messages")).isEqualTo(10000);
        assertThat(value(before, "trin_jvm_heap_used_bytes")).isPositive();
        assertThat(before.get("trin_health_value").getMetrics()).as("trin.health's values, in the system scope")
                .anySatisfy(m -> assertThat(m.getLabels()).containsEntry("reporter", "system")
                        .containsEntry("key", "mem.percent"));
        double replies = value(before, "trin_replies_sent_total");

        probe = MqttProbe.builder("tcp://127.0.0.1:" + mqttPort).subscribe("00000000/#").connect();
        probe.publish("00000000/" + uid + "/my_app_id/</", SEED_COMMAND, 1, false);
        assertThat(probe.awaitMessage("00000000/" + uid + "/my_app_id/>/>a_tct", WAIT).text())
                .isEqualTo("{\"x\":[0,0,6]}");

        Await.until("trin_replies_sent_total past " + replies + " on /trin/metrics", WAIT,
                () -> value(parse(get(url, "trin", password).body()), "trin_replies_sent_total") > replies);
        Await.until("trin_replies_sent_total past " + replies + " in " + textfile, WAIT,
                () -> Files.exists(textfile) && value(parse(read(textfile)), "trin_replies_sent_total") > replies);
        assertThat(value(parse(read(textfile)), "trin_connected")).isEqualTo(1);
        try (var files = Files.list(textfile.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".prom")))
                    .as("only the one .prom file: the temporary one is hidden from node_exporter")
                    .containsExactly("trin.prom");
        }

        trin.set("trin.metrics.cfg", "anonymous", "true");
        Await.until("/trin/metrics without a password once anonymous=true", WAIT,
                () -> get(url, null, null).statusCode() == 200);
        assertThat(value(parse(get(url, null, null).body()), "trin_connected")).isEqualTo(1);
        assertThat(get("http://127.0.0.1:" + httpPort + "/trin/status", null, null).statusCode())
                .as("/trin/status keeps its password").isEqualTo(401);
        assertThat(trin.log()).doesNotContain(password);
    }

    private HttpResponse<String> get(String url, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT);
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The families of a scrape, by name, as Hawkular's Prometheus text parser reads them. */
    static Map<String, MetricFamily> parse(String text) {
        TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                new ByteArrayInputStream(text.getBytes(UTF_8)));
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        try {
            for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
                families.put(family.getName(), family);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return families;
    }

    /** The value of a family's only sample. */
    static double value(Map<String, MetricFamily> families, String name) {
        MetricFamily family = families.get(name);
        assertThat(family).as(name).isNotNull();
        assertThat(family.getMetrics()).as(name).hasSize(1);
        Metric metric = family.getMetrics().get(0);
        if (metric instanceof Counter counter) {
            return counter.getValue();
        }
        return ((Gauge) metric).getValue();
    }
}
