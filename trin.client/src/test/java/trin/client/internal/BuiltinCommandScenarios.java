package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.JSON;
import static trin.client.internal.ClientHarness.topic;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import trin.testkit.Await;
import trin.testkit.MqttProbe;

/** Every built-in command of PID 0, with its reply and its effect. */
abstract class BuiltinCommandScenarios extends Scenarios {

    @Test
    void getAnswersSettingsAndStatusFieldsOnly() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("g1", "get", "pdr_interval"))).isEqualTo("[0,0,3600]");
        assertThat(x(builtin("g2", "get", "keep_alive"))).isEqualTo("[0,0,60]");
        assertThat(x(builtin("g3", "get", "use_rtc"))).isEqualTo("[0,0,false]");
        assertThat(x(builtin("g4", "get", "uid"))).isEqualTo("[0,0,\"" + ClientHarness.UID + "\"]");
        assertThat(x(builtin("g5", "get", "cid"))).isEqualTo("[0,0,\"" + ClientHarness.CID + "\"]");
        assertThat(x(builtin("g6", "get", "connected"))).isEqualTo("[0,0,true]");
        assertThat(x(builtin("g7", "get", "version"))).isEqualTo("[0,0,\"dev\"]");
        assertThat(x(builtin("g8", "get", "_key"))).isEqualTo("[0,-21,\"NAC _key is not exposed\"]");
        assertThat(x(builtin("g9", "get", "credentials"))).startsWith("[0,-21,");
        assertThat(x(builtin("g10", "get"))).startsWith("[0,-21,");
    }

    @Test
    void setPdrIntervalPersistsPublishesAndReschedulesTheReport() throws Exception {
        sampleDevice().start();
        awaitData("\"ip\"");
        harness.platform.clear();

        assertThat(x(builtin("p1", "set_pdr_interval", 1))).isEqualTo("[0,0,\"OK. Set PDR to: 1 sec.\"]");

        assertThat(awaitData("\"settings\":{\"pdr_interval\":1}")).isNotNull();
        MqttProbe.Received report = awaitData("door_sensor");
        assertThat(JSON.readTree(report.payload()).get("d").get(1).has("ip")).as("a basic report, not a dump")
                .isFalse();
        assertThat(ini()).contains("pdrinterval = 1");
    }

    @Test
    void setUseRtcTakesBooleansOnlyAndStampsLaterMessages() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("u1", "set_use_rtc", "maybe"))).startsWith("[0,-24,\"NAC ");
        JsonNode set = builtin("u2", "set_use_rtc", "yes");
        assertThat(set.get("x").get(2).asText()).isEqualTo("OK. Set use_rtc to: true");

        JsonNode stamped = builtin("u3", "get", "use_rtc");
        assertThat(stamped.get("x").get(0).asLong()).isGreaterThan(1_700_000_000L);
        assertThat(stamped.get("x").get(2).asBoolean()).isTrue();
    }

    @Test
    void dataWriteChangesExposedSettingsOnly() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("w1", "data_write", "/settings", Map.of("default_qos", 2))))
                .isEqualTo("[0,0,\"OK. Settings written: default_qos=2\"]");
        awaitConnectEvents(2); // a new default QoS resubscribes
        assertThat(x(builtin("w2", "get", "default_qos"))).isEqualTo("[0,0,2]");
        assertThat(x(builtin("w3", "data_write", "/settings", Map.of("host", "evil.example"))))
                .isEqualTo("[0,-23,\"NAC host is not exposed\"]");
        assertThat(x(builtin("w4", "data_write", "/secrets", Map.of("use_rtc", true))))
                .isEqualTo("[0,-23,\"NAC /secrets is not exposed\"]");
        assertThat(x(builtin("w5", "data_write", "/settings", Map.of("use_rtc", "perhaps")))).startsWith("[0,-24,");
    }

    @Test
    void setPingIntervalAndCleanSessionPersistAndReconnect() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("k1", "set_ping_interval", 30))).isEqualTo("[0,0,\"OK. Set keep-alive to: 30 sec.\"]");
        awaitConnectEvents(2);
        assertThat(x(builtin("k2", "set_clean_session", false))).isEqualTo("[0,0,\"OK. Set clean session to: false\"]");
        awaitConnectEvents(3);

        assertThat(x(builtin("k3", "get", "keep_alive"))).isEqualTo("[0,0,30]");
        assertThat(ini()).contains("keepalive = 30").contains("cleansession = False");
        assertThat(harness.client.status().counters().reconnects()).isEqualTo(2);
    }

    @Test
    void aSetHostThatLeadsNowhereIsRolledBackAndSaysSo() throws Exception {
        sampleDevice().with("rollbackAfter", 2).start();

        assertThat(x(builtin("h1", "set_host", "nowhere.invalid"))).isEqualTo("[0,0,\"OK. Set host to: nowhere.invalid\"]");

        MqttProbe.Received event = harness.awaitPublished(topic("0", ">"), m -> m.text().contains(",103,"));
        assertThat(JSON.readTree(event.payload()).get("e").get(1).get(0).get(2).asText())
                .isEqualTo("Rolled back host to 127.0.0.1");
        assertThat(x(builtin("h2", "get", "host"))).isEqualTo("[0,0,\"127.0.0.1\"]");
        assertThat(ini()).contains("host = 127.0.0.1");
    }

    @Test
    void takeABreakDisconnectsAndComesBack() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("b1", "take_a_break", 1))).isEqualTo("[0,0,\"OK. Taking a break of 1 sec.\"]");

        awaitConnectEvents(2);
        assertThat(harness.client.status().lastDisconnectReason()).contains("taking a break of 1 s");
    }

    @Test
    void publishCommandsPublishWhatTheySay() throws Exception {
        sampleDevice().start();
        awaitData("\"ip\"");
        harness.platform.clear();

        assertThat(x(builtin("d1", "pub_full_data"))).isEqualTo("[0,0,\"OK.\"]");
        assertThat(awaitData("door_sensor")).isNotNull();
        assertThat(x(builtin("d2", "pub_all_settings"))).isEqualTo("[0,0,\"OK.\"]");
        assertThat(JSON.readTree(awaitData("\"client\"").payload()).get("d").get(1).get("settings")
                .get("keep_alive").asInt()).isEqualTo(60);
        assertThat(x(builtin("d3", "pup_ip_address"))).isEqualTo("[0,0,\"OK.\"]");
        assertThat(x(builtin("d4", "pub_ip_address"))).isEqualTo("[0,0,\"OK.\"]");
        assertThat(harness.platform.messages()).filteredOn(m -> m.text().startsWith("{\"d\":[0,{\"ip\""))
                .hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void rebootHardwareRepliesThenRebootsThroughTheIdentity() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("rb", "reboot_hardware"))).isEqualTo("[0,0,\"OK. Rebooting in 0 sec.\"]");

        Await.until("the reboot script to run", ClientHarness.WAIT, () -> Files.exists(dir.resolve("rebooted")));
        assertThat(dir.resolve("rebooted")).hasContent("rebooted");
    }

    @Test
    void trustedSendersAreAddedRemovedAndCleared() throws Exception {
        sampleDevice().start();
        String peer = "AAA0000000000042";

        assertThat(x(builtin("t1", "add_trusted_sender", peer))).isEqualTo("[0,0,\"OK. Trusted senders: " + peer + "\"]");
        awaitData("\"trusted_senders\":\"" + peer + "\"");
        harness.platform.publish(sender(peer), c("from-peer", "sum_these", 2, 2), 1, false);
        assertThat(x(harness.awaitReply(APP, "from-peer"))).isEqualTo("[0,0,4]");

        builtin("t2", "add_trusted_sender", "AAA0000000000043");
        assertThat(x(builtin("t3", "remove_trusted_sender", peer)))
                .isEqualTo("[0,0,\"OK. Trusted senders: AAA0000000000043\"]");
        assertThat(x(builtin("t4", "clear_all_trusted_sender"))).isEqualTo("[0,0,\"OK. Cleared all trusted senders.\"]");
        awaitData("\"trusted_senders\":\"\"");

        harness.platform.publish(sender(peer), c("again", "sum_these", 1), 1, false);
        assertNoReply(APP, "again");
    }

    @Test
    void restartClientRestartsTheSession() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("rs", "restart_client"))).isEqualTo("[0,0,\"OK. Restarting the client in 0 sec.\"]");

        harness.awaitPublished(topic("0", ">"), m -> m.text().contains(",101,"));
        awaitConnectEvents(2);
    }

    @Test
    void anUnknownBuiltInCommandIsNotImplemented() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("nn", "format_disk"))).isEqualTo("[0,-100,\"RPC Not implemented\"]");
    }

    /** Upgrades replace bundles: outside an OSGi framework there are none, and the reply says so. */
    @Test
    void upgradeClientOutsideAFrameworkIsRefusedWithAReason() throws Exception {
        sampleDevice().start();

        assertThat(x(builtin("up", "upgrade_client")))
                .isEqualTo("[0,-18,\"NAC upgrade refused: the client does not run in an OSGi framework\"]");
        assertThat(x(builtin("after", "get", "connected"))).isEqualTo("[0,0,true]");
    }
}
