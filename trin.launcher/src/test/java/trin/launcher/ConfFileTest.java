package trin.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfFileTest {

    @TempDir
    Path dir;

    @Test
    void givenVariables_thenReplacedAsFileInstallWould() {
        Map<String, String> values = Map.of("trin.home", "/opt/trin", "env:HOME", "/home/pi");

        assertThat(ConfFile.interpolate("${trin.home}/data/x.ini", values::get)).isEqualTo("/opt/trin/data/x.ini");
        assertThat(ConfFile.interpolate("${env:HOME}/.config", values::get)).isEqualTo("/home/pi/.config");
        assertThat(ConfFile.interpolate("${unknown}/a", values::get)).isEqualTo("/a");
        assertThat(ConfFile.interpolate("no $ here", values::get)).isEqualTo("no $ here");
    }

    @Test
    void givenCommentsAndBlanks_thenOnlyProperties() throws IOException {
        Path file = dir.resolve("x.cfg");
        Files.writeString(file, "# a comment\n\nhost = localhost  \n#port=1\n");

        ConfFile conf = ConfFile.read(file, name -> null);

        assertThat(conf.values()).containsExactly(Map.entry("host", "localhost"));
        assertThat(conf.get("port")).isEmpty();
    }

    @Test
    void givenNoFile_thenEmpty() throws IOException {
        assertThat(ConfFile.read(dir.resolve("missing.cfg")).values()).isEmpty();
    }
}
