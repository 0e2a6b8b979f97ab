package trin.client.internal.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.client.internal.outbox.JournalFormat.Add;
import trin.client.internal.outbox.JournalFormat.Decoded;
import trin.client.internal.outbox.JournalFormat.LastSeq;
import trin.client.internal.outbox.JournalFormat.Remove;

/**
 * Reads what a previous run left in the outbox's journal: the live entries, past damaged records (counted and
 * kept in a copy of the file), or nothing from a file that is no journal (moved aside).
 */
final class JournalReplay {

    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    /** The journal's logger: what the replay finds is the journal's news. */
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private JournalReplay() {
    }

    /** {@link Journal#load}: the file {@code file} in {@code dir}; its temporary file {@code temp} is deleted. */
    static Journal.Loaded load(Path dir, Path file, Path temp) throws IOException {
        Files.deleteIfExists(temp);
        if (!Files.exists(file)) {
            return Journal.Loaded.empty();
        }
        byte[] buf;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return moveAside(dir, file, "larger than 2 GB");
            }
            buf = Files.readAllBytes(file);
        } catch (IOException e) {
            return moveAside(dir, file, e.toString());
        }
        if (!JournalFormat.hasMagic(buf)) {
            return moveAside(dir, file, "not an outbox journal");
        }
        TreeMap<Long, Outbox.Entry> entries = new TreeMap<>();
        Damage damage = new Damage();
        long lastSeq = 0;
        int records = 0;
        int pos = JournalFormat.MAGIC.length;
        while (pos < buf.length) {
            Decoded decoded = JournalFormat.decode(buf, pos);
            if (decoded == null) {
                int next = resync(buf, pos + 1);
                damage.region(buf, pos, next < 0 ? buf.length : next);
                if (next < 0) {
                    break;
                }
                pos = next;
                continue;
            }
            records++;
            pos = decoded.end();
            if (decoded.record() instanceof Add add) {
                entries.putIfAbsent(add.entry().seq(), add.entry());
                lastSeq = Math.max(lastSeq, add.entry().seq());
                damage.seen(add.entry().seq());
            } else if (decoded.record() instanceof Remove remove) {
                entries.remove(remove.seq());
                lastSeq = Math.max(lastSeq, remove.seq());
                damage.seen(remove.seq());
            } else if (decoded.record() instanceof LastSeq last) {
                lastSeq = Math.max(lastSeq, last.seq());
                damage.lastSeq(last.seq());
            }
        }
        if (records == 0) {
            return moveAside(dir, file, "no readable record");
        }
        if (damage.any()) {
            Path kept = dir.resolve(Journal.FILE_NAME + ".damaged-" + STAMP.format(Instant.now()));
            Files.copy(file, kept);
            LOG.warn("Outbox journal {} was damaged (a power loss or a failing disk?): {} restored, {} dropped; {}. "
                    + "The damaged file is kept as {} (delete it when no longer needed)", file,
                    count(entries.size()), count(damage.droppedMessages()), damage.describe(), kept);
        }
        return new Journal.Loaded(entries, lastSeq);
    }

    private static String count(long messages) {
        return messages == 1 ? "1 message" : messages + " messages";
    }

    private static int resync(byte[] buf, int from) {
        for (int pos = from; pos < buf.length; pos++) {
            if (JournalFormat.decode(buf, pos) != null) {
                return pos;
            }
        }
        return -1;
    }

    private static Journal.Loaded moveAside(Path dir, Path file, String why) throws IOException {
        Path aside = dir.resolve(Journal.FILE_NAME + ".corrupt-" + STAMP.format(Instant.now()));
        Files.move(file, aside);
        LOG.warn("Outbox journal {} is unreadable ({}); moved it to {} and started with an empty outbox",
                file, why, aside);
        return Journal.Loaded.empty();
    }
}
