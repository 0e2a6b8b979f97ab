package trin.health.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** The top processes read from /proc: a made-up tree, exactly; this machine's, against OSHI. */
class ProcProcessesTest {

    @TempDir
    Path dir;

    @Test
    void givenAProcTree_whenListed_thenTheMostResidentFirstWithTheirNamesAndBytes() throws IOException {
        stat(1, "systemd", 3000);
        stat(42, "java", 20000);
        stat(43, "odd) name (x", 5000); // a name may hold spaces and parentheses
        stat(44, "kworker/0:1", 0);
        stat(45, "bash", 700);
        stat(46, "small", 10);
        stat(47, "sshd", 900);
        Files.createDirectories(dir.resolve("48")); // vanished: no stat any more
        Files.createDirectories(dir.resolve("sys"));
        Files.writeString(dir.resolve("self"), "not a process");
        Files.writeString(dir.resolve("1/smaps"), "55d0 r--p 00000000 08:01 1 /bin/x\nSize: 8 kB\n"
                + "KernelPageSize:        4 kB\nMMUPageSize: 4 kB\n");

        List<List<Object>> top = ProcProcesses.at(dir, 1).orElseThrow().top(5);

        assertThat(top).containsExactly(
                List.of(20000L * 4096, 42, "java"),
                List.of(5000L * 4096, 43, "odd) name (x"),
                List.of(3000L * 4096, 1, "systemd"),
                List.of(900L * 4096, 47, "sshd"),
                List.of(700L * 4096, 45, "bash"));
    }

    @Test
    void givenFewerProcessesThanAsked_whenListed_thenAllOfThem() throws IOException {
        stat(7, "only", 12);

        assertThat(ProcProcesses.at(dir, 7).orElseThrow().top(5)).containsExactly(List.of(12L * 4096, 7, "only"));
    }

    @Test
    void givenNoProcOfThisProcess_whenAsked_thenNone() {
        assertThat(ProcProcesses.at(dir, 7)).isEmpty();
    }

    @Test
    void givenThisMachine_whenListed_thenTheSameProcessesAsOshiSaysWithItsNamesAndSizes() throws IOException {
        assertThat(Path.of("/proc/self/stat")).exists(); // these tests run on Linux

        List<List<Object>> top = ProcProcesses.local().orElseThrow().top(5);

        OperatingSystem os = new SystemInfo().getOperatingSystem();
        assertThat(top).hasSize(5);
        assertThat(top.stream().map(e -> (Long) e.get(0)).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        for (List<Object> entry : top) {
            OSProcess process = os.getProcess((Integer) entry.get(1));
            if (process == null) {
                continue; // ended since
            }
            assertThat(entry.get(2)).isEqualTo(process.getName());
            // resident memory moves between two readings: within a quarter, or 4 MiB
            long oshi = process.getResidentSetSize();
            assertThat(Math.abs((Long) entry.get(0) - oshi)).isLessThanOrEqualTo(Math.max(oshi / 4, 4 << 20));
        }
        Map<Integer, Long> self = top.stream()
                .collect(Collectors.toMap(e -> (Integer) e.get(1), e -> (Long) e.get(0)));
        int pid = (int) ProcessHandle.current().pid();
        if (self.containsKey(pid)) {
            assertThat(self.get(pid)).isPositive();
        }
    }

    /** A stat file as Linux writes it: pid (comm) state, then fields 4 to 52, resident pages at 24. */
    private void stat(int pid, String name, long rssPages) throws IOException {
        StringBuilder line = new StringBuilder().append(pid).append(" (").append(name).append(") S");
        for (int field = 4; field <= 52; field++) {
            line.append(' ').append(field == 24 ? rssPages : field == 23 ? 123456789L : field);
        }
        Path process = Files.createDirectories(dir.resolve(Integer.toString(pid)));
        Files.writeString(process.resolve("stat"), line.append('\n'), UTF_8);
    }
}
