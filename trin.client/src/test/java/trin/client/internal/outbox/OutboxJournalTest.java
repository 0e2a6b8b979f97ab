package trin.client.internal.outbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.outbox.OutboxFixtures.add;
import static trin.client.internal.outbox.OutboxFixtures.addPriority;
import static trin.client.internal.outbox.OutboxFixtures.payloads;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.client.internal.outbox.Outbox.Entry;
import trin.testkit.LogCapture;

/** The journal: restarts, damage from power loss, compaction. */
class OutboxJournalTest {

    @TempDir
    Path dir;

    private Path journal() {
        return dir.resolve(Journal.FILE_NAME);
    }

    @Test
    void givenClosedOutbox_whenReopened_thenSameEntriesInOrderAndSeqsKeepIncreasing() throws IOException {
        List<Entry> before;
        try (Outbox outbox = Outbox.open(dir, 10)) {
            add(outbox, "a");
            Entry b = addPriority(outbox, "b");
            outbox.add("x/y", new byte[0], 0, false);
            add(outbox, "d");
            outbox.remove(b.seq());
            before = outbox.pending(10, Set.of());
        }

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(outbox.pending(10, Set.of())).containsExactlyElementsOf(before);
            Entry next = add(outbox, "e");
            assertThat(next.seq()).isGreaterThan(before.get(before.size() - 1).seq());
        }
    }

    @Test
    void givenEmptiedOutbox_whenReopened_thenSeqsStillIncrease() throws IOException {
        long last;
        try (Outbox outbox = Outbox.open(dir, 10)) {
            Entry a = add(outbox, "a");
            Entry b = add(outbox, "b");
            outbox.remove(a.seq());
            outbox.remove(b.seq());
            last = b.seq();
        }

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(outbox.isEmpty()).isTrue();
            assertThat(add(outbox, "c").seq()).isGreaterThan(last);
        }
    }

    @Test
    void givenTornLastRecord_whenReopened_thenOnlyThatRecordIsLost() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            add(outbox, "first");
            add(outbox, "second");
            add(outbox, "third");
        }
        truncateBy(journal(), 3);

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(payloads(outbox)).containsExactly("first", "second");
            add(outbox, "fourth");
        }
        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(payloads(outbox)).containsExactly("first", "second", "fourth");
        }
    }

    @Test
    void givenCorruptPayloadInMiddleRecord_whenReopened_thenOnlyThatRecordIsLost() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            add(outbox, "first");
            add(outbox, "MIDDLE");
            add(outbox, "last");
        }
        byte[] bytes = Files.readAllBytes(journal());
        bytes[indexOf(bytes, "MIDDLE".getBytes(UTF_8)) + 2] ^= 0x40;
        Files.write(journal(), bytes);

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(payloads(outbox)).containsExactly("first", "last");
        }
    }

    @Test
    void givenCorruptLengthInMiddleRecord_whenReopened_thenReadingResumesAtTheNextRecord() throws IOException {
        Entry first;
        try (Outbox outbox = Outbox.open(dir, 10)) {
            first = add(outbox, "first");
            add(outbox, "middle");
            add(outbox, "last");
        }
        byte[] bytes = Files.readAllBytes(journal());
        int middle = indexOf(bytes, JournalFormat.add(first)) + JournalFormat.add(first).length;
        bytes[middle + 1] = 0x7f; // the length field, now far beyond the file
        Files.write(journal(), bytes);

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(payloads(outbox)).containsExactly("first", "last");
        }
    }

    @Test
    void givenATornTailGarbageAndAZeroedBlock_whenOpened_thenOneWarningCountsTheLossAndNamesTheKeptFile()
            throws IOException {
        List<Entry> written = new java.util.ArrayList<>();
        try (Outbox outbox = Outbox.open(dir, 100)) {
            written.add(add(outbox, "message-0"));
            outbox.remove(written.get(0).seq());
            for (int i = 1; i < 20; i++) {
                written.add(add(outbox, "message-" + i));
            }
        }
        byte[] bytes = Files.readAllBytes(journal());
        // Zero two whole records in the middle (messages 5 and 6) and tear the last one (message 19).
        int five = indexOf(bytes, JournalFormat.add(written.get(5)));
        int seven = indexOf(bytes, JournalFormat.add(written.get(7)));
        java.util.Arrays.fill(bytes, five, seven, (byte) 0);
        byte[] damaged = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        Files.write(journal(), damaged);
        Files.write(journal(), "garbage appended by a bad block".getBytes(UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(journal());

        List<String> warnings;
        try (LogCapture log = new LogCapture(); Outbox outbox = Outbox.open(dir, 100)) {
            warnings = log.lines().stream().filter(l -> l.contains("WARN")).toList();
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 1; i < 19; i++) {
                if (i != 5 && i != 6) {
                    expected.add("message-" + i);
                }
            }
            assertThat(payloads(outbox)).containsExactlyElementsOf(expected);
        }

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("16 messages restored", "3 messages dropped", "2 damaged parts",
                Journal.FILE_NAME + ".damaged-");
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            Path kept = files.filter(f -> f.getFileName().toString().contains(".damaged-")).findFirst().orElseThrow();
            assertThat(warnings.get(0)).contains(kept.toString());
            assertThat(Files.readAllBytes(kept)).isEqualTo(before);
        }
    }

    @Test
    void givenGarbageFile_whenOpened_thenMovedAsideAndStartsEmpty() throws IOException {
        byte[] garbage = new byte[500];
        new Random(42).nextBytes(garbage);
        Files.write(journal(), garbage);

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(outbox.isEmpty()).isTrue();
            add(outbox, "after");
        }

        try (Stream<Path> files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith(Journal.FILE_NAME + ".corrupt-"))
                    .toList();
            assertThat(aside).hasSize(1);
            assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(garbage);
        }
        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(payloads(outbox)).containsExactly("after");
        }
    }

    @Test
    void givenValidHeaderButNoReadableRecord_whenOpened_thenMovedAside() throws IOException {
        byte[] bytes = new byte[JournalFormat.MAGIC.length + 40];
        System.arraycopy(JournalFormat.MAGIC, 0, bytes, 0, JournalFormat.MAGIC.length);
        Files.write(journal(), bytes);

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(outbox.isEmpty()).isTrue();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().contains(".corrupt-")).count()).isEqualTo(1);
        }
    }

    @Test
    void givenManyRemovals_whenCompacted_thenFileShrinksAndLiveSetSurvives() throws IOException {
        List<String> live = new ArrayList<>();
        try (Outbox outbox = Outbox.open(dir, 2000, new Compaction(4096, 1024))) {
            for (int i = 0; i < 1000; i++) {
                Entry e = add(outbox, "message " + i);
                if (i % 10 == 0) {
                    live.add("message " + i);
                }
                if (i % 10 != 0) {
                    outbox.remove(e.seq());
                }
            }
            long oneEntry = JournalFormat.add(new Entry(1, "CID/UID/0/>/D", "message 999".getBytes(UTF_8), 1, false))
                    .length;
            // Without compaction: 1000 adds and 900 removes; compacted at 4 KiB of dead records.
            assertThat(Files.size(journal())).isLessThan(1000 * oneEntry);
            assertThat(payloads(outbox)).containsExactlyElementsOf(live);
        }
        try (Outbox outbox = Outbox.open(dir, 2000)) {
            assertThat(payloads(outbox)).containsExactlyElementsOf(live);
        }
    }

    @Test
    void givenThreadsQueueingWhileCompactionsRun_whenReopened_thenTheSameLiveSet() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> live;
        try (Outbox outbox = Outbox.open(dir, 100_000, new Compaction(2048, 512))) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        Entry e = add(outbox, "t" + thread + " m" + i);
                        if (i % 10 != 0) {
                            outbox.remove(e.seq()); // compactions start on this thread, the others keep queueing
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            live = payloads(outbox);
            assertThat(live).hasSize(threads * 50);
        } finally {
            pool.shutdown();
        }
        try (Outbox outbox = Outbox.open(dir, 100_000)) {
            assertThat(payloads(outbox)).containsExactlyElementsOf(live);
        }
        assertThat(Files.size(journal())).as("compacted").isLessThan(threads * 500L * 30);
    }

    @Test
    void givenQueueEmptied_whenEnoughDeadRecords_thenJournalHoldsOnlyItsHeader() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 100, new Compaction(1024 * 1024, 1024))) {
            long emptySize = Files.size(journal());
            for (int i = 0; i < 100; i++) {
                add(outbox, "m" + i);
            }
            for (Entry e : outbox.pending(100, Set.of())) {
                outbox.remove(e.seq());
            }

            assertThat(Files.size(journal())).isEqualTo(emptySize);
        }
    }

    @Test
    void givenMessagesSentAtOnce_whenNeverRestored_thenTheJournalIsUntouchedAndSeqsGoOn() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            long emptySize = Files.size(journal());
            Entry sent = outbox.unjournaled("CID/UID/app/>/T1", "reply".getBytes(UTF_8), 1, true);

            assertThat(Files.size(journal())).isEqualTo(emptySize);
            assertThat(outbox.isEmpty()).isTrue();
            assertThat(add(outbox, "later").seq()).isGreaterThan(sent.seq());
        }
    }

    @Test
    void givenMessagesSentAtOnceAndLost_whenRestored_thenQueuedInTheirPlacesAndJournaled() throws IOException {
        List<Entry> lost = new ArrayList<>();
        try (Outbox outbox = Outbox.open(dir, 10)) {
            lost.add(outbox.unjournaled("CID/UID/app/>/T1", "first".getBytes(UTF_8), 1, true));
            add(outbox, "second");
            lost.add(outbox.unjournaled("CID/UID/app/>/T2", "third".getBytes(UTF_8), 1, true));

            outbox.restore(lost);
            outbox.restore(List.of(lost.get(0))); // already queued: skipped

            assertThat(payloads(outbox)).containsExactly("first", "second", "third");
        }
        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(payloads(outbox)).containsExactly("first", "second", "third");
            assertThat(outbox.pending(1, Set.of()).get(0).priority()).isTrue();
        }
    }

    @Test
    void givenFewDeadRecords_whenTheQueueEmpties_thenNoCompactionYet() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 100)) {
            long emptySize = Files.size(journal());
            for (int i = 0; i < 100; i++) {
                outbox.remove(add(outbox, "m" + i).seq());
            }

            // 100 adds and removes are far below the default threshold (256 KiB when empty): kept, no fsyncs
            assertThat(Files.size(journal())).isGreaterThan(emptySize);
        }
        try (Outbox outbox = Outbox.open(dir, 100)) {
            assertThat(outbox.isEmpty()).isTrue();
        }
    }

    @Test
    void givenSmallerCapacity_whenReopened_thenOldestDroppedAndCounted() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            for (String p : List.of("a", "b", "c", "d")) {
                add(outbox, p);
            }
        }

        try (Outbox outbox = Outbox.open(dir, 2)) {
            assertThat(payloads(outbox)).containsExactly("c", "d");
            assertThat(outbox.dropped()).isEqualTo(2);
        }
    }

    @Test
    void givenDroppedEntries_whenReopened_thenTheyStayDropped() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 3)) {
            for (String p : List.of("a", "b", "c", "d", "e")) {
                add(outbox, p);
            }
        }

        try (Outbox outbox = Outbox.open(dir, 3)) {
            assertThat(payloads(outbox)).containsExactly("c", "d", "e");
            assertThat(outbox.dropped()).isZero();
        }
    }

    @Test
    void givenLeftoverFromAnInterruptedCompaction_whenOpened_thenIgnoredAndRemoved() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            add(outbox, "a");
        }
        Files.write(dir.resolve(Journal.FILE_NAME + ".tmp"), new byte[] {1, 2, 3});

        try (Outbox outbox = Outbox.open(dir, 10)) {
            assertThat(payloads(outbox)).containsExactly("a");
        }
        assertThat(dir.resolve(Journal.FILE_NAME + ".tmp")).doesNotExist();
    }

    private static void truncateBy(Path file, int bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - bytes);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
