package trin.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static trin.health.internal.Configs.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import oshi.hardware.Sensors;
import oshi.software.os.OSProcess;
import trin.api.health.Detail;
import trin.testkit.LogCapture;

class SystemHealthTest {

    private static final Machine THIS_MACHINE = Machine.local(false);

    private static SystemHealth withSensors(Sensors sensors, SystemHealthConfiguration config) {
        return new SystemHealth(config, new Machine(THIS_MACHINE.processor(), THIS_MACHINE.memory(), sensors,
                THIS_MACHINE.os()));
    }

    @Test
    void givenThisMachine_whenFullReport_thenMemoryTotalIsMemTotalOfProcMeminfo() throws IOException {
        Map<String, Object> report = new SystemHealth(config(0, true)).report(Detail.FULL);

        long memTotalKib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
        assertThat(report).extractingByKey("mem", MAP)
                .containsEntry("total", memTotalKib * 1024)
                .satisfies(mem -> assertThat((long) mem.get("used") + (long) mem.get("free"))
                        .isEqualTo(mem.get("total")))
                .extractingByKey("percent").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isBetween(0.0, 100.0);
    }

    @Test
    void givenThisMachine_whenFullReport_thenRootDiskAsDfWithPercentWithin0And100() {
        Map<String, Object> report = new SystemHealth(config(0, true)).report(Detail.FULL);

        assertThat(report).extractingByKey("disk", MAP)
                .containsOnlyKeys("total", "used", "free", "percent")
                .containsEntry("total", new File("/").getTotalSpace())
                .extractingByKey("percent").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isBetween(0.0, 100.0);
    }

    @Test
    void givenThisMachine_whenFullReport_thenTopFiveProcessesByResidentMemoryWithThisJvmWhereBigEnough() {
        List<?> top = (List<?>) withSensors(null, config(0, false)).report(Detail.FULL).get("top_5_proc");

        assertThat(top).hasSize(5).allSatisfy(entry -> assertThat(entry).asInstanceOf(LIST)
                .hasSize(3)
                .satisfies(e -> assertThat(e.get(0)).isInstanceOf(Long.class))
                .satisfies(e -> assertThat(e.get(1)).isInstanceOf(Integer.class))
                .satisfies(e -> assertThat(e.get(2)).isInstanceOf(String.class)));
        List<Long> rss = top.stream().map(entry -> (Long) ((List<?>) entry).get(0)).toList();
        assertThat(rss).isSortedAccordingTo(Comparator.reverseOrder());

        int pid = (int) ProcessHandle.current().pid();
        OSProcess self = THIS_MACHINE.os().getProcess(pid);
        assertThat(self).isNotNull();
        assertThat(self.getResidentSetSize()).isPositive();
        List<Object> pids = top.stream().map(entry -> (Object) ((List<?>) entry).get(1)).toList();
        // resident memory moves between two readings: compare with a margin
        if (self.getResidentSetSize() > 1.5 * rss.get(4)) {
            assertThat(pids).contains(pid);
        }
        if (pids.contains(pid)) {
            assertThat(top).anySatisfy(entry -> assertThat(entry).isEqualTo(
                    List.of(((List<?>) entry).get(0), pid, self.getName())));
        }
    }

    @Test
    void givenThisMachine_whenReportedTwice_thenCpuUsageWithin0And100Both() {
        SystemHealth health = withSensors(null, config(100, false));

        Object first = health.report(Detail.BASIC).get("cpu_usg");
        Object second = health.report(Detail.BASIC).get("cpu_usg");

        assertThat(List.of(first, second)).allSatisfy(
                value -> assertThat(value).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                        .isBetween(0.0, 100.0));
    }

    @Test
    void givenThisMachine_thenLoadAverageAndUptimeAsTheKernelSays() throws IOException {
        Map<String, Object> report = withSensors(null, config(0, false)).report(Detail.BASIC);

        double kernelUptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertThat(report).extractingByKey("load_avg", LIST).hasSize(3)
                .allSatisfy(load -> assertThat((Double) load).isNotNegative());
        assertThat(report).extractingByKey("uptime").isInstanceOf(Long.class)
                .satisfies(uptime -> assertThat((double) (Long) uptime).isCloseTo(kernelUptime,
                        org.assertj.core.data.Offset.offset(5.0)));
    }

    @Test
    void givenBasicDetail_thenPercentsOnlyAndNoProcesses() {
        Map<String, Object> report = withSensors(new FixedSensors(51.0), config(0, true)).report(Detail.BASIC);

        assertThat(report).containsOnlyKeys("cpu_usg", "cpu_tmp", "mem", "disk", "load_avg", "uptime");
        assertThat(report).extractingByKey("mem", MAP).containsOnlyKeys("percent");
        assertThat(report).extractingByKey("disk", MAP).containsOnlyKeys("percent");
    }

    @Test
    void givenFullDetailAndAMountPoint_thenEveryKey() {
        Map<String, Object> report = withSensors(new FixedSensors(51.0), config(0, true, "/")).report(Detail.FULL);

        assertThat(report).containsOnlyKeys("cpu_usg", "cpu_tmp", "mem", "disk", "disks", "load_avg", "uptime",
                "top_5_proc");
        assertThat(report).extractingByKey("disks", MAP).containsOnlyKeys("/");
    }

    @Test
    void givenMachineWithNoSensors_thenNoCpuTemperatureAndTheRestReported() {
        Map<String, Object> zero = withSensors(new FixedSensors(0), config(0, true)).report(Detail.FULL);
        Map<String, Object> nan = withSensors(new FixedSensors(Double.NaN), config(0, true)).report(Detail.FULL);
        Map<String, Object> off = withSensors(null, config(0, false)).report(Detail.FULL);

        assertThat(List.of(zero, nan, off)).allSatisfy(report -> assertThat(report)
                .doesNotContainKey("cpu_tmp")
                .containsKeys("cpu_usg", "mem", "disk", "top_5_proc"));
    }

    @Test
    void givenSensorReading_thenCpuTemperatureInCelsiusToOneDecimal() {
        assertThat(withSensors(new FixedSensors(47.25), config(0, true)).report(Detail.BASIC))
                .containsEntry("cpu_tmp", 47.3);
    }

    @Test
    void givenThisMachinesOwnSensors_thenCpuTemperatureOnlyWhenPlausible() {
        Map<String, Object> report = new SystemHealth(config(0, true)).report(Detail.BASIC);

        if (report.containsKey("cpu_tmp")) {
            assertThat((Double) report.get("cpu_tmp")).isStrictlyBetween(0.0, 150.0);
        }
    }

    @Test
    void givenSensorThatThrows_thenItIsLeftOutOnceLoggedAndTheRestReported() {
        SystemHealth health = withSensors(new FixedSensors(0) {
            @Override
            public double getCpuTemperature() {
                throw new IllegalStateException("sensor gone");
            }
        }, config(0, true));

        try (LogCapture log = new LogCapture()) {
            Map<String, Object> first = health.report(Detail.BASIC);
            Map<String, Object> second = health.report(Detail.BASIC);

            assertThat(List.of(first, second)).allSatisfy(report -> assertThat(report)
                    .doesNotContainKey("cpu_tmp").containsKeys("cpu_usg", "mem", "disk"));
            assertThat(log.linesContaining("Cannot read cpu_tmp")).singleElement().asString().contains("WARN");
        }
    }

    @Test
    void givenClientInterruptsTheFirstReportsCpuSample_thenNoCpuUsageTheRestReportedAndTheFlagKept() {
        SystemHealth health = withSensors(null, config(60_000, false));

        Thread.currentThread().interrupt();
        Map<String, Object> report;
        try {
            report = health.report(Detail.BASIC);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }

        assertThat(report).doesNotContainKey("cpu_usg").containsKeys("mem", "disk", "uptime");
    }
}
