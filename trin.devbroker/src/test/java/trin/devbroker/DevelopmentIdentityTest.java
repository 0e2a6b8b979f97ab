package trin.devbroker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentIdentityTest {

    @TempDir
    Path dir;

    @Test
    void givenNoKey_thenADevelopmentKeyOwnerOnlyAndTheLocalCid() throws IOException {
        Path keyDir = dir.resolve("local-key");

        DevelopmentIdentity identity = DevelopmentIdentity.provision(keyDir);

        assertThat(identity.created()).isTrue();
        assertThat(identity.cid()).isEqualTo("00000000");
        assertThat(identity.key()).hasSize(32);
        assertThat(Files.getPosixFilePermissions(keyDir.resolve("trinqtt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(keyDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(keyDir.resolve("trinqtt.cid"))).isEqualTo("00000000\n");
    }

    @Test
    void givenAKey_thenKeptAcrossRuns() throws IOException {
        Path keyDir = dir.resolve("local-key");
        DevelopmentIdentity first = DevelopmentIdentity.provision(keyDir);

        DevelopmentIdentity second = DevelopmentIdentity.provision(keyDir);

        assertThat(second.created()).isFalse();
        assertThat(second.key()).isEqualTo(first.key());
    }
}
