package trin.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher tells a changed jar in {@code bundle/} from one it installed before. */
class BundleSyncTest {

    @TempDir
    Path dir;

    @Test
    void aJarWithTheRecordedFileStampKeepsItsRecordedChecksumUnread() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "first content");
        String first = BundleSync.checksum(jar, null);
        String stamp = first.substring(first.indexOf(';'));

        // A made-up CRC with the right stamp comes back as it is: the jar was not read.
        assertThat(BundleSync.checksum(jar, "13-deadbeef" + stamp)).isEqualTo("13-deadbeef" + stamp);
        assertThat(BundleSync.checksum(jar, first)).isEqualTo(first);
    }

    @Test
    void aChangedJarOfTheSameSizeIsReadAgainAndDiffers() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "first content");
        String first = BundleSync.checksum(jar, null);
        Files.writeString(jar, "other content");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));

        String second = BundleSync.checksum(jar, first);

        assertThat(second).isNotEqualTo(first);
        assertThat(BundleSync.sameContent(second, first)).isFalse();
    }

    @Test
    void aTouchedJarWithTheSameContentIsNotAChange() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "first content");
        String first = BundleSync.checksum(jar, null);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));

        String second = BundleSync.checksum(jar, first);

        assertThat(second).isNotEqualTo(first);
        assertThat(BundleSync.sameContent(second, first)).isTrue();
    }

    @Test
    void aChecksumRecordedByAnEarlierLauncherWithoutStampIsComparedByContent() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "first content");
        String current = BundleSync.checksum(jar, null);
        String earlier = current.substring(0, current.indexOf(';'));

        assertThat(BundleSync.checksum(jar, earlier)).isEqualTo(current);
        assertThat(BundleSync.sameContent(current, earlier)).isTrue();
        assertThat(BundleSync.sameContent(current, null)).isFalse();
    }
}
