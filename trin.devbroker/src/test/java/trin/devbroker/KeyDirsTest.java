package trin.devbroker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirsTest {

    @Test
    void writesTheRawKeyPrivatelyAndTheCidReadably(@TempDir Path tmp) throws Exception {
        byte[] key = {0, 10, 13, 32, (byte) 0xff}; // a newline, a carriage return and a space: binary, kept whole
        Path dir = KeyDirs.provision(tmp.resolve("opt/trinity"), "1234", key);

        assertThat(Files.readAllBytes(dir.resolve("trinqtt"))).isEqualTo(key);
        assertThat(Files.getPosixFilePermissions(dir.resolve("trinqtt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("trinqtt.cid"))).isEqualTo("1234\n");
        assertThat(Files.getPosixFilePermissions(dir.resolve("trinqtt.cid")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void givenAnExistingWorldReadableKeyThenItIsReplacedAndMadePrivate(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("trinqtt"), new byte[] {1, 2, 3, 4, 5, 6});
        Files.setPosixFilePermissions(dir.resolve("trinqtt"), PosixFilePermissions.fromString("rw-r--r--"));

        KeyDirs.provision(dir, "99", new byte[] {7});

        assertThat(Files.readAllBytes(dir.resolve("trinqtt"))).containsExactly(7);
        assertThat(Files.getPosixFilePermissions(dir.resolve("trinqtt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
