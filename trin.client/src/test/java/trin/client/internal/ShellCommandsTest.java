package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import trin.client.internal.settings.SettingView;
import trin.client.internal.shell.ClientCommands;

/** The client's shell commands, on a running client. */
class ShellCommandsTest extends Scenarios {

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }

    @Test
    void statusSettingsEventAndDataSayWhatTheClientDoes() throws Exception {
        sampleDevice().with("local", true).with("pdrInterval", 600).start();
        builtin("s1", "set_use_rtc", true);
        ClientCommands shell = new ClientCommands(harness.client, harness.client);

        assertThat(shell.status()).contains("CONNECTED (LOCAL development set-up, not the Smart platform)")
                .contains("tcp://127.0.0.1:" + harness.broker.port()).contains(ClientHarness.UID)
                .contains(ClientHarness.CID);
        assertThat(shell.settings()).containsPattern("pdr_interval\\s+600\\s+configuration")
                .containsPattern("use_rtc\\s+true\\s+remote, in the settings file")
                .containsPattern("keep_alive\\s+60\\s+default").contains(dir.resolve("trinmqtt.ini").toString());
        assertThat(shell.settings("nonsense")).startsWith("Unknown action");

        assertThat(shell.event(APP, 123, "by hand")).isEqualTo("Queued event 123 for my_app_id");
        harness.awaitPublished(ClientHarness.topic(APP, ">"), m -> m.text().contains("by hand"));
        assertThat(shell.data(APP, "{\"temp\": 21.5}")).isEqualTo("Queued data for my_app_id");
        harness.awaitPublished(ClientHarness.topic(APP, ">"), m -> m.text().contains("21.5"));
        assertThat(shell.data(APP, "{oops")).startsWith("Not JSON");

        assertThat(shell.settings("reset")).containsPattern("use_rtc\\s+false\\s+default");
        assertThat(harness.client.settings()).extracting(SettingView::name).contains("host");
        assertThat(harness.client.settings()).filteredOn(s -> s.name().equals("use_rtc"))
                .extracting(SettingView::source).containsExactly("default");
    }
}
