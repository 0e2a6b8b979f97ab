package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.JSON;
import static trin.client.internal.ClientHarness.topic;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.client.ConnectionState;
import trin.api.client.Event;
import trin.api.health.Detail;
import trin.api.health.HealthReporter;
import trin.client.internal.settings.SettingView;
import trin.client.internal.shell.ClientAdmin;
import trin.testkit.MqttProbe;

/** Connecting, the on-connect sequence, a planned stop, and settings that outlive a restart. */
abstract class SessionScenarios extends Scenarios {

    @Test
    void onConnectSubscribesThenSendsTheConnectEventThenTheFullDump() throws Exception {
        sampleDevice().start();

        MqttProbe.Received dump = awaitData("\"ip\"");
        List<JsonNode> onPidZero = harness.published(topic("0", ">"));
        assertThat(onPidZero.get(0)).hasToString("{\"e\":[0,[[0,102,\"Connect Success\"]]]}");
        assertThat(onPidZero.get(1).get("d").get(1)).isEqualTo(JSON.readTree(dump.payload()).get("d").get(1));
        JsonNode data = JSON.readTree(dump.payload()).get("d").get(1);
        assertThat(data.get("client").get("trin").asText()).isEqualTo("dev");
        assertThat(data.get("settings").get("pdr_interval").asInt()).isEqualTo(3600);
        assertThat(data.get("door_sensor").get("open").asBoolean()).isFalse();
        // The subscription came first: a command sent right after the connect event is answered.
        harness.command(APP, c("t1", "sum_these", 1, 2));
        assertThat(x(harness.awaitReply(APP, "t1"))).isEqualTo("[0,0,3]");
    }

    @Test
    void answersTheSeedsSumTheseCommand() throws Exception {
        sampleDevice().start();

        harness.command(APP, "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}");

        assertThat(harness.awaitReply(APP, ">a_tct")).hasToString("{\"x\":[0,0,6]}");
    }

    @Test
    void aPlannedStopPublishesTheLastWillEventAndDisconnects() throws Exception {
        sampleDevice().start();

        harness.stopClient();

        MqttProbe.Received will = harness.awaitPublished(topic("0", ">"), m -> m.text().contains(",101,"));
        assertThat(JSON.readTree(will.payload())).hasToString("{\"e\":[0,[[0,101,\"LWT Published\"]]]}");
    }

    @Test
    void theClientNeverPublishesRetainedMessages() throws Exception {
        sampleDevice().start();
        awaitData("\"ip\"");

        assertThat(harness.platform.messages()).noneMatch(MqttProbe.Received::retained);
    }

    @Test
    void aSettingChangedRemotelyIsStillInForceAfterARestart() throws Exception {
        sampleDevice().start();
        assertThat(x(builtin("s1", "set_pdr_interval", 60))).isEqualTo("[0,0,\"OK. Set PDR to: 60 sec.\"]");
        assertThat(ini()).contains("[DEFAULT]").contains("pdrinterval = 60");

        harness.stopClient();
        harness.platform.clear();
        harness.startClient();
        awaitConnectEvents(1);

        assertThat(x(builtin("s2", "get", "pdr_interval"))).isEqualTo("[0,0,60]");
        assertThat(harness.client.settings()).contains(
                new SettingView("pdr_interval", 60, "remote, in the settings file"));
    }

    @Test
    void readsTheIniThePythonClientLeftAsIs() throws Exception {
        Files.writeString(dir.resolve("trinmqtt.ini"), "[DEFAULT]\nhost = 127.0.0.1\nkeepalive = 45\n"
                + "defaultqos = 1\ncleansession = True\npdrinterval = 120\nusertc = False\ntrustedsenders = \n");
        sampleDevice().with("host", "localhost").start();

        assertThat(x(builtin("p1", "get", "pdr_interval"))).isEqualTo("[0,0,120]");
        assertThat(x(builtin("p2", "get", "keep_alive"))).isEqualTo("[0,0,45]");
    }

    @Test
    void settingsResetGoesBackToTheConfiguration() throws Exception {
        sampleDevice().start();
        builtin("r1", "set_pdr_interval", 60);

        harness.client.resetSettings();
        awaitConnectEvents(2);

        assertThat(x(builtin("r2", "get", "pdr_interval"))).isEqualTo("[0,0,3600]");
        assertThat(ini()).doesNotContain("pdrinterval");
    }

    @Test
    void theStatusTellsTheStateTheBrokerAndTheCounters() throws Exception {
        sampleDevice().start();
        harness.command(APP, c("st", "sum_these", 1));
        harness.awaitReply(APP, "st");

        var status = harness.client.status();
        assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.broker()).isEqualTo("tcp://127.0.0.1:" + harness.broker.port());
        assertThat(status.uid()).contains(ClientHarness.UID);
        assertThat(status.cid()).contains(ClientHarness.CID);
        assertThat(status.lastConnect()).isPresent();
        assertThat(status.counters().received()).isGreaterThanOrEqualTo(1);
        assertThat(status.counters().replies()).isGreaterThanOrEqualTo(1);
        assertThat(status.counters().sent()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theDumpGoesOutBeforeAnEventPublishedWhileItIsBeingCollected() throws Exception {
        CountDownLatch collecting = new CountDownLatch(1);
        CountDownLatch published = new CountDownLatch(1);
        sampleDevice().reporters.add(Map.entry(Map.of(), new HealthReporter() {
            @Override
            public String name() {
                return "slow_sensor";
            }

            @Override
            public Map<String, Object> report(Detail detail) throws InterruptedException {
                if (detail == Detail.FULL) {
                    collecting.countDown();
                    published.await(20, TimeUnit.SECONDS);
                }
                return Map.of("ok", true);
            }
        }));
        harness.with("healthTimeout", 30_000).start();

        assertThat(collecting.await(20, TimeUnit.SECONDS)).isTrue();
        harness.client.publishEvents(APP, List.of(Event.now(7, "published during the dump")), 1);
        published.countDown();

        MqttProbe.Received event = harness.awaitPublished(topic(APP, ">"), m -> m.text().contains("during the dump"));
        MqttProbe.Received dump = harness.awaitPublished(topic("0", ">"), m -> m.text().contains("\"client\""));
        assertThat(dump.index()).isLessThan(event.index());
    }
}
