package trin.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttToolsTest {

    @Test
    void givenNumbers_thenAsThey_andAnythingElseAsAJsonString() {
        assertThat(MqttTools.jsonValue("1")).isEqualTo("1");
        assertThat(MqttTools.jsonValue("-2.5e3")).isEqualTo("-2.5e3");
        assertThat(MqttTools.jsonValue("two")).isEqualTo("\"two\"");
        assertThat(MqttTools.jsonValue("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(MqttTools.jsonValue("01")).as("not a JSON number").isEqualTo("\"01\"");
    }
}
