package trin.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The log of a normal start says what matters and nothing alarming: the shipped LOCAL set-up, started
 * as systemd starts it (console on, as shipped; only its ports moved, as a user would, so that 1883 and
 * 8080 need not be free), logs no warning or error, starts the HTTP service once, on the configured
 * address, and says, in this order: the set-up, the broker, the connection, the console's address, the
 * sample application's command line.
 */
class StartupLogIT extends RuntimeTestSupport {

    @Test
    void givenTheShippedLocalSetUp_whenStarted_thenTheLogSaysWhatMattersInOrder_withoutWarnings_andJettyStartsOnce()
            throws Exception {
        int port = Distribution.freePort();
        int httpPort = Distribution.freePort();
        trin = Distribution.copy(temp).set("trin.client.cfg", "port", Integer.toString(port))
                .set("org.apache.felix.http.cfg", "org.osgi.service.http.port", Integer.toString(httpPort)).start();

        // The sample's command line is the last of the start's messages.
        trin.awaitLog(Pattern.quote("mosquitto_pub -d -h localhost -p " + port + " -t '00000000/"), START);
        assertThat(trin.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        String log = trin.log();
        String start = log.substring(0, log.indexOf("[INFO] RunCommand - Stopping trin"));

        List<String> alarming = start.lines().filter(line -> line.startsWith("[WARN]") || line.startsWith("[ERROR]")
                || line.startsWith("[WARNING]") || line.startsWith("[SEVERE]")).toList();
        assertThat(alarming).as("warnings and errors of a normal start, in:\n" + start).isEmpty();

        assertThat(start.lines().filter(line -> line.contains("Started Jetty")).toList())
                .as("the HTTP service's starts").singleElement().asString()
                .contains("HTTP:" + httpPort);
        assertThat(start).doesNotContain("Stopped Jetty").doesNotContain("Not all requirements met")
                .doesNotContain("not enabled. Reason");

        assertThat(start).containsSubsequence(
                "LOCAL development set-up (conf/trin.client.cfg: broker localhost:" + port,
                "LOCAL development broker listening on 127.0.0.1:" + port,
                "BrokerConnection - Connected to tcp://localhost:" + port,
                "Web console on http://127.0.0.1:" + httpPort + "/system/console/trin",
                "Try the sample application",
                "mosquitto_pub -d -h localhost -p " + port);
    }
}
