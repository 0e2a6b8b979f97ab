package trin.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.health.Detail;
import trin.testkit.LogCapture;

class FileSystemsTest {

    @TempDir
    Path dir;

    @Test
    void givenThisMachine_thenRootIsTheRootFileSystemAsDfSeesIt() {
        Usage root = new FileSystems().root().orElseThrow();

        assertThat(root.total()).isEqualTo(new File("/").getTotalSpace());
        assertThat(root.used()).isPositive().isLessThanOrEqualTo(root.total());
        assertThat(root.percent()).isBetween(0.0, 100.0);
    }

    @Test
    void givenConfiguredMountPoints_thenEachThatIsThereByItsPathInOrder() {
        String missing = dir.resolve("not-mounted").toString();
        FileSystems fileSystems = new FileSystems(dir.toString(), " ", missing, "/", dir.toString() + " ");

        Map<String, Object> full = fileSystems.mountPoints(Detail.FULL);
        Map<String, Object> basic = fileSystems.mountPoints(Detail.BASIC);

        assertThat(full).containsOnlyKeys(dir.toString(), "/");
        assertThat(full.keySet()).containsExactly(dir.toString(), "/");
        assertThat(full.get("/")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("total", "used", "free", "percent");
        assertThat(basic.get(dir.toString())).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("percent");
    }

    @Test
    void givenMountPointThatIsNotThere_whenReportedThrice_thenOneLogLineNamesIt() {
        String missing = dir.resolve("usb-stick").toString();
        FileSystems fileSystems = new FileSystems(missing);

        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                assertThat(fileSystems.mountPoints(Detail.BASIC)).isEmpty();
            }

            assertThat(log.linesContaining(missing)).singleElement().asString().contains("WARN");
        }
    }

    @Test
    void givenNoMountPointsConfigured_thenNone() {
        assertThat(new FileSystems().mountPoints(Detail.FULL)).isEmpty();
    }

    @Test
    void givenMountPointThatComesLater_thenItIsReportedOnceThere() {
        Path later = dir.resolve("later");
        FileSystems fileSystems = new FileSystems(later.toString());
        assertThat(fileSystems.mountPoints(Detail.BASIC)).isEmpty();

        assertThat(later.toFile().mkdir()).isTrue();

        assertThat(fileSystems.mountPoints(Detail.BASIC)).containsOnlyKeys(later.toString());
    }
}
