package trin.health.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes with the most resident memory, read straight from Linux's
 * {@code /proc}: one small file per process ({@code /proc/PID/stat}, read into
 * a buffer kept between reports), its name decoded only for those that make
 * the list. OSHI reads five files per process, as lines of text, for the same
 * answer; on a machine with 200 processes that is tens of milliseconds and
 * megabytes of garbage per full report.
 *
 * <p>The figures are OSHI's: resident pages ({@code stat}'s field 24) times the
 * page size, and the name as in {@code stat}'s second field (the command name,
 * as {@code Name:} in {@code status}). A process that vanishes while listed is
 * left out. Thread-safe: one listing at a time.
 */
final class ProcProcesses {

    /** stat's fields after the name: state is field 3, the resident pages field 24. */
    private static final int RSS_FIELD = 24;
    private static final int FIRST_FIELD_AFTER_NAME = 3;
    private static final long DEFAULT_PAGE_SIZE = 4096;

    private final Path proc;
    private final long pageSize;
    private final byte[] buffer = new byte[1024];

    private ProcProcesses(Path proc, long pageSize) {
        this.proc = proc;
        this.pageSize = pageSize;
    }

    /** This machine's, if it has a readable {@code /proc} with this process in it. */
    static Optional<ProcProcesses> local() {
        return at(Path.of("/proc"), ProcessHandle.current().pid());
    }

    /** The listing of a {@code /proc} tree, if {@code self} (a process expected in it) can be read there. */
    static Optional<ProcProcesses> at(Path proc, long self) {
        if (!Files.isReadable(proc.resolve(Long.toString(self)).resolve("stat"))) {
            return Optional.empty();
        }
        return Optional.of(new ProcProcesses(proc, pageSize(proc.resolve(Long.toString(self)).resolve("smaps"))));
    }

    /** The top {@code count} as {@code [bytes, pid, name]}, most first. */
    synchronized List<List<Object>> top(int count) throws IOException {
        long[] rss = new long[count];
        int[] pids = new int[count];
        String[] names = new String[count];
        int found = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                int pid = pid(entry.getFileName().toString());
                if (pid < 0) {
                    continue;
                }
                int length = read(entry.resolve("stat"));
                int nameEnd = lastIndexOf(')', length);
                long pages = nameEnd < 0 ? -1 : rssPages(nameEnd, length);
                if (pages < 0) {
                    continue; // vanished, or not a stat file
                }
                long bytes = pages * pageSize;
                if (found == count && bytes <= rss[count - 1]) {
                    continue;
                }
                int at = found < count ? found++ : count - 1;
                while (at > 0 && rss[at - 1] < bytes) {
                    rss[at] = rss[at - 1];
                    pids[at] = pids[at - 1];
                    names[at] = names[at - 1];
                    at--;
                }
                rss[at] = bytes;
                pids[at] = pid;
                names[at] = name(nameEnd);
            }
        }
        List<List<Object>> top = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            top.add(List.of(rss[i], pids[i], names[i]));
        }
        return top;
    }

    private static int pid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        int pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    /** Reads a file into the buffer, as much as fits; -1 if it cannot be read (the process has gone). */
    private int read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int length = 0;
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
            return length;
        } catch (IOException e) {
            return -1;
        }
    }

    private int lastIndexOf(char c, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (buffer[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** stat's resident pages: the fields after the name are separated by single spaces. */
    private long rssPages(int nameEnd, int length) {
        int field = FIRST_FIELD_AFTER_NAME;
        int i = nameEnd + 2;
        while (field < RSS_FIELD && i < length) {
            if (buffer[i++] == ' ') {
                field++;
            }
        }
        long pages = 0;
        int digits = 0;
        for (; i < length && buffer[i] >= '0' && buffer[i] <= '9'; i++, digits++) {
            pages = pages * 10 + (buffer[i] - '0');
        }
        return digits == 0 ? -1 : pages;
    }

    /** The name between the first '(' and the last ')' of the stat file in the buffer. */
    private String name(int nameEnd) {
        int start = 0;
        while (start < nameEnd && buffer[start] != '(') {
            start++;
        }
        return new String(buffer, start + 1, Math.max(0, nameEnd - start - 1), StandardCharsets.UTF_8);
    }

    /** The kernel's page size, from a {@code smaps} file's {@code KernelPageSize}; 4 KiB if not found. */
    private static long pageSize(Path smaps) {
        try (InputStream in = Files.newInputStream(smaps)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
            int at = head.indexOf("KernelPageSize:");
            if (at >= 0) {
                String kib = head.substring(at + "KernelPageSize:".length(), head.indexOf('\n', at)).trim();
                return Long.parseLong(kib.replace("kB", "").trim()) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // the usual size, below
        }
        return DEFAULT_PAGE_SIZE;
    }
}
