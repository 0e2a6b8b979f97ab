package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.command.Reply;
import trin.testkit.LoginAttempt;
import trin.testkit.MqttProbe;

/** The session's life against the in-process broker that checks Smart passwords as the platform does. */
class SessionScenariosTest {

    @TempDir
    Path dir;

    ClientHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void onConnectSendsTheConnectEventThenTheFullDump() throws Exception {
        harness = ClientHarness.onSmartBroker(dir).start();

        MqttProbe.Received dump = harness.awaitPublished(ClientHarness.topic("0", ">"), m -> m.text().contains("\"d\""));
        List<JsonNode> onPidZero = harness.published(ClientHarness.topic("0", ">"));
        assertThat(onPidZero.get(0)).hasToString("{\"e\":[0,[[0,102,\"Connect Success\"]]]}");
        JsonNode data = ClientHarness.JSON.readTree(dump.payload()).get("d").get(1);
        assertThat(data.has("ip")).isTrue();
        assertThat(data.get("client").get("trin").asText()).isEqualTo("dev");
        assertThat(data.get("settings").get("pdr_interval").asInt()).isEqualTo(3600);
        assertThat(dump.index()).isGreaterThan(harness.platform.messages().stream()
                .filter(m -> m.text().contains("102")).findFirst().orElseThrow().index());
    }

    @Test
    void answersTheSeedsSumTheseCommandOnTheApplicationsReplyTopic() throws Exception {
        harness = ClientHarness.onSmartBroker(dir).handler("my_app_id", c -> Reply.ok(
                c.args().stream().mapToInt(a -> ((Number) a).intValue()).sum())).start();

        harness.command("my_app_id", "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}");

        assertThat(harness.awaitReply("my_app_id", ">a_tct")).hasToString("{\"x\":[0,0,6]}");
    }

    @Test
    void reconnectsAfterABrokerRestartWithAFreshPassword() throws Exception {
        harness = ClientHarness.onSmartBroker(dir).start();

        harness.broker.stop();
        harness.broker.start();
        harness.platform.close();
        harness.connectPlatform();
        harness.awaitPublished(ClientHarness.topic("0", ">"), m -> m.text().contains("102"));

        List<LoginAttempt> device = harness.broker.logins().stream()
                .filter(l -> l.clientId().equals(ClientHarness.UID)).collect(Collectors.toList());
        assertThat(device).filteredOn(LoginAttempt::accepted).hasSize(2);
        assertThat(device).filteredOn(l -> !l.accepted()).isEmpty();
        assertThat(harness.client.status().counters().reconnects()).isEqualTo(1);
    }
}
