package trin.client.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    private static final Settings DEFAULTS =
            new Settings("mqtt.trintel.co.za", 1883, 60, 1, true, 3600, false, List.of());

    @Test
    void givenEachSetting_whenChangedFromText_thenOnlyThatValueChanges() {
        Settings changed = DEFAULTS.with(Setting.HOST, " broker.example.com ")
                .with(Setting.PORT, "8883")
                .with(Setting.KEEP_ALIVE, "0")
                .with(Setting.DEFAULT_QOS, "2")
                .with(Setting.CLEAN_SESSION, "False")
                .with(Setting.PDR_INTERVAL, "60")
                .with(Setting.USE_RTC, "yes")
                .with(Setting.TRUSTED_SENDERS, " a1, b2 ,,c3, ");

        assertThat(changed).isEqualTo(
                new Settings("broker.example.com", 8883, 0, 2, false, 60, true, List.of("a1", "b2", "c3")));
        assertThat(DEFAULTS.with(Setting.PORT, "8883"))
                .isEqualTo(new Settings("mqtt.trintel.co.za", 8883, 60, 1, true, 3600, false, List.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "host|''", "host|bad host", "host|'  '",
        "port|0", "port|65536", "port|abc", "port|''",
        "keep_alive|-1", "keep_alive|65536", "keep_alive|1.5",
        "default_qos|3", "default_qos|-1", "default_qos|one",
        "clean_session|maybe", "clean_session|''", "clean_session|2",
        "pdr_interval|-1", "pdr_interval|99999999999", "pdr_interval|1h",
        "use_rtc|tru", "use_rtc|none",
    })
    void givenBadValue_whenChanged_thenRejectedNamingTheSetting(String name, String text) {
        Setting setting = Setting.byName(name).orElseThrow();

        assertThatThrownBy(() -> DEFAULTS.with(setting, text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "1", "yes", "Yes", "on", "ON", " true "})
    void givenTrueSpelling_whenParsed_thenTrue(String text) {
        assertThat(Setting.USE_RTC.parse(text)).isEqualTo(true);
        assertThat(DEFAULTS.with(Setting.CLEAN_SESSION, "false").with(Setting.CLEAN_SESSION, text).cleanSession())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "FALSE", "0", "no", "NO", "off", "Off"})
    void givenFalseSpelling_whenParsed_thenFalse(String text) {
        assertThat(Setting.USE_RTC.parse(text)).isEqualTo(false);
        assertThat(DEFAULTS.with(Setting.CLEAN_SESSION, text).cleanSession()).isFalse();
    }

    @Test
    void givenValues_whenFormatted_thenInThePythonClientsStyle() {
        assertThat(Setting.USE_RTC.format(true)).isEqualTo("True");
        assertThat(Setting.CLEAN_SESSION.format(false)).isEqualTo("False");
        assertThat(Setting.PORT.format(8883)).isEqualTo("8883");
        assertThat(Setting.TRUSTED_SENDERS.format(List.of("a", "b"))).isEqualTo("a,b");
        assertThat(Setting.TRUSTED_SENDERS.normalize(" a , b,")).isEqualTo("a,b");
        assertThat(Setting.USE_RTC.normalize("on")).isEqualTo("True");
        assertThat(Setting.HOST.normalize(" h.example ")).isEqualTo("h.example");
        assertThatThrownBy(() -> Setting.PORT.format("8883")).hasMessageContaining("port");
    }

    @Test
    void givenSettings_whenValueAsked_thenProtocolLevelTypes() {
        Settings s = DEFAULTS.with(Setting.TRUSTED_SENDERS, "a,b");

        assertThat(s.value(Setting.HOST)).isEqualTo("mqtt.trintel.co.za");
        assertThat(s.value(Setting.PORT)).isEqualTo(1883);
        assertThat(s.value(Setting.CLEAN_SESSION)).isEqualTo(true);
        assertThat(s.value(Setting.TRUSTED_SENDERS)).isEqualTo("a,b");
        assertThat(s.text(Setting.CLEAN_SESSION)).isEqualTo("True");
        assertThat(s.text(Setting.TRUSTED_SENDERS)).isEqualTo("a,b");
        assertThat(DEFAULTS.value(Setting.TRUSTED_SENDERS)).isEqualTo("");
    }

    @Test
    void givenSettings_whenDumped_thenEverySettingByProtocolNameInOrder() {
        Map<String, Object> map = DEFAULTS.asMap();

        assertThat(map).containsExactly(
                entry("host", "mqtt.trintel.co.za"), entry("port", 1883), entry("keep_alive", 60),
                entry("default_qos", 1), entry("clean_session", true), entry("pdr_interval", 3600),
                entry("use_rtc", false), entry("trusted_senders", ""));
    }

    @Test
    void givenOverrides_whenAppliedAll_thenEachApplied() {
        Settings s = DEFAULTS.withAll(Map.of(Setting.PORT, "8883", Setting.USE_RTC, "True"));

        assertThat(s.port()).isEqualTo(8883);
        assertThat(s.useRtc()).isTrue();
    }

    @Test
    void givenNames_whenLookedUp_thenProtocolNamesOnly() {
        assertThat(Setting.byName("keep_alive")).contains(Setting.KEEP_ALIVE);
        assertThat(Setting.byName("keepalive")).isEmpty();
        assertThat(Setting.byName("uid")).isEmpty();
        assertThat(Setting.byName(null)).isEmpty();
        for (Setting s : Setting.values()) {
            assertThat(Setting.byName(s.protocolName())).contains(s);
        }
    }

    @Test
    void givenInvalidValues_whenConstructed_thenRejected() {
        assertThatThrownBy(() -> new Settings("h", 0, 60, 1, true, 3600, false, List.of()))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new Settings("h", 1883, 60, 1, true, 3600, false, List.of("a,b")))
                .hasMessageContaining("trusted_senders");
    }
}
