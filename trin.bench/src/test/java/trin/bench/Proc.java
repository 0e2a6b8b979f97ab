package trin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about a process in /proc: resident memory, threads, CPU time. */
public final class Proc {

    /** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux this runs on. */
    private static final long TICK_NANOS = 10_000_000L;

    private Proc() {
    }

    /** VmRSS in KiB, or -1 when the process is gone. */
    public static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    public static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    /** User plus system CPU time of the process so far, in nanoseconds (10 ms resolution). */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces: fields start after the closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /**
     * Waits (polling every millisecond, up to {@code timeoutMillis}) until the process runs a program named
     * {@code name} ({@code /proc/PID/exe}: a script that execs java); the {@link System#nanoTime()} it saw it at,
     * or -1.
     */
    public static long awaitExec(long pid, String name, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Path exe = Path.of("/proc/" + pid + "/exe");
        while (System.nanoTime() < deadline) {
            try {
                Path target = Files.readSymbolicLink(exe);
                if (target.getFileName() != null && target.getFileName().toString().equals(name)) {
                    return System.nanoTime();
                }
                Thread.sleep(1);
            } catch (IOException e) {
                return -1; // gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    /** The machine's load average over the last minute, from /proc/loadavg. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
