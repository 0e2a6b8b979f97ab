package trin.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupTest {

    @TempDir
    Path dir;

    private Home home;

    @BeforeEach
    void home() throws IOException {
        home = new Home(dir);
        Files.createDirectories(home.conf());
        System.setProperty(Home.PROPERTY, dir.toString());
    }

    @Test
    void givenTheShippedLocalConf_thenLocalOnThePortItNames() throws IOException {
        write("trin.client.cfg", "host=localhost\nport=18830\nlocal=true\n");
        write("trin.crypto.cfg", "keyDir=${trin.home}/data/local-key\n");

        Setup setup = Setup.read(home);

        assertThat(setup.local()).isTrue();
        assertThat(setup.port()).isEqualTo(18830);
        assertThat(setup.keyDir()).isEqualTo(dir.resolve("data/local-key"));
    }

    @Test
    void givenAnotherBroker_thenNotLocalEvenWithTheDevelopmentKey() throws IOException {
        write("trin.client.cfg", "host=mqtt.trintel.co.za\n");
        write("trin.crypto.cfg", "keyDir=${trin.home}/data/local-key\n");

        Setup setup = Setup.read(home);

        assertThat(setup.local()).isFalse();
        assertThat(setup.keyLocal()).isTrue();
        assertThat(setup.port()).as("the default port").isEqualTo(1883);
    }

    @Test
    void givenALocalBrokerAndAnotherKeyDirectory_thenNotLocal() throws IOException {
        write("trin.client.cfg", "host=127.0.0.1\n");
        write("trin.crypto.cfg", "keyDir=/opt/trinity\n");

        Setup setup = Setup.read(home);

        assertThat(setup.hostLocal()).isTrue();
        assertThat(setup.local()).isFalse();
    }

    @Test
    void givenNoConfAtAll_thenThePlatformsDefaults() {
        Setup setup = Setup.read(home);

        assertThat(setup.local()).isFalse();
        assertThat(setup.host()).isEqualTo("mqtt.trintel.co.za");
        assertThat(setup.keyDir()).isEqualTo(Path.of("/opt/trinity"));
    }

    @Test
    void givenTlsWithoutAPort_thenTheTlsPort() throws IOException {
        write("trin.client.cfg", "tls=true\n");

        assertThat(Setup.read(home).port()).isEqualTo(8883);
    }

    @Test
    void givenAPortThatIsNoNumber_thenAMessageNamingFileAndProperty() throws IOException {
        write("trin.client.cfg", "port=eighteen\n");

        assertThatThrownBy(() -> Setup.read(home)).isInstanceOf(LauncherException.class)
                .hasMessageContaining("trin.client.cfg").hasMessageContaining("port = 'eighteen'");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(home.conf(name), text);
    }
}
