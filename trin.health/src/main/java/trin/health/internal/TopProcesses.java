package trin.health.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.software.os.OperatingSystem.ProcessFiltering;
import oshi.software.os.OperatingSystem.ProcessSorting;

/**
 * The processes with the most resident memory, as {@code [bytes, pid, name]}:
 * from {@code /proc} where there is one (Linux; cheap), else from OSHI.
 */
final class TopProcesses {

    static final int COUNT = 5;

    private final OperatingSystem os;
    private final Optional<ProcProcesses> proc;

    TopProcesses(OperatingSystem os, Optional<ProcProcesses> proc) {
        this.os = os;
        this.proc = proc;
    }

    /** This machine's: through {@code /proc} on Linux. */
    static TopProcesses local(OperatingSystem os) {
        return new TopProcesses(os, ProcProcesses.local());
    }

    List<List<Object>> list() {
        if (proc.isEmpty()) {
            return of(os);
        }
        try {
            return proc.get().top(COUNT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<Object>> of(OperatingSystem os) {
        return os.getProcesses(ProcessFiltering.VALID_PROCESS, ProcessSorting.RSS_DESC, COUNT).stream()
                .map(TopProcesses::entry)
                .toList();
    }

    static List<Object> entry(OSProcess process) {
        return List.of(process.getResidentSetSize(), process.getProcessID(),
                Objects.requireNonNullElse(process.getName(), ""));
    }
}
