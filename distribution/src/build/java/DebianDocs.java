import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A build step of the Debian package, run by the JDK's source launcher: the package's
 * {@code /usr/share/doc/trin/changelog.gz} (Debian wants one in every binary package; a native package's,
 * compressed, with no name or time in the gzip header: the same bytes for the same build), and the manual
 * page {@code trin.1.gz}, compressed alike.
 *
 * <pre>java DebianDocs.java OUT VERSION TIMESTAMP MAINTAINER [MAN_SOURCE MAN_OUT]</pre>
 */
public final class DebianDocs {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String version = args[1];
        Instant when = Instant.parse(args[2]);
        String maintainer = args[3];
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(when).replace("GMT", "+0000");
        String changelog = "trin (" + version + ") unstable; urgency=medium\n\n"
                + "  * Built by the trin Maven build (distribution module). What changed is\n"
                + "    in the project's history; the package's layout is described in\n"
                + "    /usr/share/doc/trin/debian.md.\n\n"
                + " -- " + maintainer + "  " + date + "\n";
        Files.createDirectories(out.getParent());
        Files.write(out, gzip(changelog.getBytes(StandardCharsets.UTF_8)));
        // The manual page, compressed alike
        if (args.length == 6) {
            Path manOut = Path.of(args[5]);
            Files.createDirectories(manOut.getParent());
            Files.write(manOut, gzip(Files.readAllBytes(Path.of(args[4]))));
        }
    }

    /** As gzip -9n: no file name, no time, the header saying "best compression" (XFL 2), OS Unix (3). */
    static byte[] gzip(byte[] data) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, deflater)) {
            deflate.write(data);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(data.length);
        out.write(trailer.array());
        return out.toByteArray();
    }
}
