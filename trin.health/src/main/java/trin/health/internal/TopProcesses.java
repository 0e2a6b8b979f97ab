package trin.health.internal;

import java.util.List;
import java.util.Objects;

import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.software.os.OperatingSystem.ProcessFiltering;
import oshi.software.os.OperatingSystem.ProcessSorting;

/** The processes with the most resident memory, as {@code [bytes, pid, name]}. */
final class TopProcesses {

    static final int COUNT = 5;

    private TopProcesses() {
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
