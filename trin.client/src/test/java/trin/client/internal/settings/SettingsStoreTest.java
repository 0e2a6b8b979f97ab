package trin.client.internal.settings;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    /** What the Python client's configparser wrote at every start. */
    private static final String PYTHON_INI = """
            [DEFAULT]
            host = mqtt.trintel.co.za
            port = 8883
            keepalive = 60
            defaultqos = 1
            cleansession = True
            pdrinterval = 3600
            usertc = False
            trustedsenders = \n
            """;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("trinmqtt").resolve("trinmqtt.ini");
    }

    private SettingsStore store() {
        return new SettingsStore(file());
    }

    private void write(String text) throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), text);
    }

    @Test
    void givenIniWrittenByThePythonClient_whenRead_thenEverySettingAsIsWithoutProblems() throws IOException {
        write(PYTHON_INI);

        SettingsStore.Result result = store().read();

        assertThat(result.problems()).isEmpty();
        assertThat(result.overrides()).containsExactly(
                entry(Setting.HOST, "mqtt.trintel.co.za"), entry(Setting.PORT, "8883"),
                entry(Setting.KEEP_ALIVE, "60"), entry(Setting.DEFAULT_QOS, "1"),
                entry(Setting.CLEAN_SESSION, "True"), entry(Setting.PDR_INTERVAL, "3600"),
                entry(Setting.USE_RTC, "False"), entry(Setting.TRUSTED_SENDERS, ""));
    }

    @Test
    void givenMissingFile_whenRead_thenNoOverridesAndNoProblems() {
        SettingsStore.Result result = store().read();

        assertThat(result.overrides()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void givenOverrides_whenSavedAndLoaded_thenSameValuesInThePythonClientsFormat() throws IOException {
        Map<Setting, String> overrides = new EnumMap<>(Setting.class);
        overrides.put(Setting.USE_RTC, "yes");
        overrides.put(Setting.PDR_INTERVAL, "60");
        overrides.put(Setting.TRUSTED_SENDERS, "a , b");

        store().save(overrides);

        assertThat(Files.readString(file())).isEqualTo("""
                [DEFAULT]
                pdrinterval = 60
                usertc = True
                trustedsenders = a,b

                """);
        assertThat(store().load()).containsExactly(
                entry(Setting.PDR_INTERVAL, "60"), entry(Setting.USE_RTC, "True"),
                entry(Setting.TRUSTED_SENDERS, "a,b"));
    }

    @Test
    void givenPythonIni_whenSavingOneOverride_thenOnlyThatOneIsWritten() throws IOException {
        write(PYTHON_INI);

        store().save(Map.of(Setting.HOST, "broker.example.com"));

        assertThat(store().load()).containsExactly(entry(Setting.HOST, "broker.example.com"));
        assertThat(Files.readAllLines(file())).containsExactly("[DEFAULT]", "host = broker.example.com", "");
    }

    @Test
    void givenUnknownKeysAndSections_whenSaved_thenKeptAsTheyWere() throws IOException {
        write("""
                [DEFAULT]
                host = old.example.com
                Certfile = /etc/trin/ca.pem
                notes = first line
                \tsecond line

                [extra]
                colour = blue
                """);

        store().save(Map.of(Setting.PORT, "1884"));

        assertThat(Files.readString(file())).isEqualTo("""
                [DEFAULT]
                port = 1884
                certfile = /etc/trin/ca.pem
                notes = first line
                \tsecond line

                [extra]
                colour = blue

                """);
        SettingsStore.Result result = store().read();
        assertThat(result.overrides()).containsExactly(entry(Setting.PORT, "1884"));
        assertThat(result.problems()).extracting(SettingsStore.Problem::line).containsExactly(3, 4);
    }

    @Test
    void givenBrokenLines_whenRead_thenEachReportedWithFileAndLineAndSkipped() throws IOException {
        write("""
                ; written by hand
                stray = before any section
                [DEFAULT]
                # comment
                host: h.example.com
                this line has no delimiter
                PORT = 99999
                KeepAlive = 30
                bogus = 1
                usertc = perhaps
                = nothing

                [other]
                port = 1
                """);

        SettingsStore.Result result = store().read();

        assertThat(result.overrides()).containsExactly(
                entry(Setting.HOST, "h.example.com"), entry(Setting.KEEP_ALIVE, "30"));
        assertThat(result.problems()).extracting(SettingsStore.Problem::file).containsOnly(file());
        assertThat(result.problems()).extracting(SettingsStore.Problem::line).containsExactlyInAnyOrder(
                2, 6, 7, 9, 10, 11);
        assertThat(result.problems()).filteredOn(p -> p.line() == 7).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("port"))
                .satisfies(p -> assertThat(p.toString()).startsWith(file() + ":7: "));
        assertThat(result.problems()).filteredOn(p -> p.line() == 10).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("use_rtc"));
    }

    @Test
    void givenBinaryGarbage_whenRead_thenProblemsButNoException() throws IOException {
        Files.createDirectories(file().getParent());
        Files.write(file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', '[', 'x'});

        SettingsStore.Result result = store().read();

        assertThat(result.overrides()).isEmpty();
        assertThat(result.problems()).isNotEmpty();
    }

    @Test
    void givenUnreadableFile_whenRead_thenOneProblemForTheWholeFile() throws IOException {
        Files.createDirectories(file());

        SettingsStore.Result result = store().read();

        assertThat(result.overrides()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.line()).isZero());
    }

    @Test
    void givenSave_whenDone_thenNoTemporaryFileLeftAndParentsCreated() throws IOException {
        store().save(Map.of(Setting.USE_RTC, "1"));
        store().save(Map.of(Setting.USE_RTC, "0"));

        try (Stream<Path> files = Files.list(file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("trinmqtt.ini");
        }
        assertThat(store().load()).containsExactly(entry(Setting.USE_RTC, "False"));
    }

    @Test
    void givenBadValue_whenSaved_thenRejectedAndFileUntouched() throws IOException {
        write(PYTHON_INI);

        assertThatThrownBy(() -> store().save(Map.of(Setting.DEFAULT_QOS, "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default_qos");
        assertThat(Files.readString(file())).isEqualTo(PYTHON_INI);
    }

    @Test
    void givenOnlyOurKeys_whenCleared_thenFileDeleted() throws IOException {
        write(PYTHON_INI);

        store().clear();

        assertThat(file()).doesNotExist();
        store().clear();
    }

    @Test
    void givenUnknownKeys_whenCleared_thenOnlyThoseRemain() throws IOException {
        write(PYTHON_INI + "tls = True\n");

        store().clear();

        assertThat(Files.readAllLines(file(), UTF_8)).containsExactly("[DEFAULT]", "tls = True", "");
        assertThat(store().load()).isEmpty();
    }

    @Test
    void givenSavedValues_whenAppliedToSettings_thenRoundTrip() throws IOException {
        Settings base = new Settings("mqtt.trintel.co.za", 1883, 60, 1, true, 3600, false, List.of());
        Settings changed = base.with(Setting.TRUSTED_SENDERS, "u1,u2").with(Setting.CLEAN_SESSION, "off");

        store().save(Map.of(Setting.TRUSTED_SENDERS, changed.text(Setting.TRUSTED_SENDERS),
                Setting.CLEAN_SESSION, changed.text(Setting.CLEAN_SESSION)));

        assertThat(base.withAll(store().load())).isEqualTo(changed);
    }
}
