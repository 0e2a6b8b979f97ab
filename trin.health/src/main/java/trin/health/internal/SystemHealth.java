package trin.health.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import oshi.util.Memoizer;
import trin.api.health.Detail;
import trin.api.health.HealthReporter;

/**
 * The machine's health, from OSHI: top-level keys of every report. The keys
 * and their shapes are listed in this package's documentation.
 */
@Component(configurationPid = SystemHealth.PID, service = HealthReporter.class, property = {
    HealthReporter.SCOPE + "=" + HealthReporter.SCOPE_SYSTEM,
    "service.ranking:Integer=" + SystemHealth.RANKING
})
@Designate(ocd = SystemHealthConfiguration.class)
public final class SystemHealth implements HealthReporter {

    static final String PID = "trin.health";
    static final int RANKING = 0;

    static final String CPU_USAGE = "cpu_usg";
    static final String CPU_TEMPERATURE = "cpu_tmp";
    static final String MEMORY = "mem";
    static final String DISK = "disk";
    static final String DISKS = "disks";
    static final String LOAD_AVERAGE = "load_avg";
    static final String UPTIME = "uptime";
    static final String TOP_PROCESSES = "top_5_proc";

    private static final Logger LOG = LoggerFactory.getLogger(SystemHealth.class);

    private final SystemHealthConfiguration config;
    private final Supplier<Machine> machines;
    private final FileSystems fileSystems;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile Readers readers;

    /** What reads the machine, made at the first report. */
    private record Readers(Machine machine, CpuUsage cpu, TopProcesses topProcesses) {
    }

    /**
     * OSHI and JNA are loaded at the first report, not here: that is a
     * third of a second or more (classes, the native library, the machine's
     * description), which would otherwise delay the framework's start and the
     * client's connection.
     */
    @Activate
    public SystemHealth(SystemHealthConfiguration config) {
        this(config, () -> Machine.local(config.cpuTemperature()));
    }

    SystemHealth(SystemHealthConfiguration config, Machine machine) {
        this(config, () -> machine);
    }

    private SystemHealth(SystemHealthConfiguration config, Supplier<Machine> machines) {
        this.config = config;
        this.machines = machines;
        this.fileSystems = new FileSystems(config.mountPoints());
    }

    private Readers readers() {
        Readers made = readers;
        if (made == null) {
            synchronized (this) {
                made = readers;
                if (made == null) {
                    Machine machine = machines.get();
                    // OSHI keeps a reading for a while (300 ms): a shorter sample would compare a reading with itself
                    Duration oshiCache = Duration.ofNanos(Math.max(0, Memoizer.defaultExpiration()));
                    Duration sample = Duration.ofMillis(Math.max(0, config.cpuSampleMillis()));
                    CpuUsage cpu = new CpuUsage(machine.processor()::getSystemCpuLoadTicks,
                            sample.compareTo(oshiCache) < 0 ? oshiCache : sample);
                    made = new Readers(machine, cpu, TopProcesses.local(machine.os()));
                    readers = made;
                }
            }
        }
        return made;
    }

    @Override
    public String name() {
        return "system";
    }

    @Override
    public Map<String, Object> report(Detail detail) {
        Map<String, Object> report = new LinkedHashMap<>();
        Readers r;
        try {
            r = readers();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: OSHI's native library through JNA
            if (failing.add("oshi")) {
                LOG.warn("Cannot read this machine's health through OSHI: reports leave it out", e);
            }
            put(report, DISK, () -> fileSystems.root().map(usage -> usage.toMap(detail)));
            return report;
        }
        Machine machine = r.machine();
        put(report, CPU_USAGE, () -> cpuUsage(r.cpu()));
        put(report, CPU_TEMPERATURE, () -> cpuTemperature(machine));
        put(report, MEMORY, () -> Usage.memory(machine.memory().getTotal(), machine.memory().getAvailable())
                .map(usage -> usage.toMap(detail)));
        put(report, DISK, () -> fileSystems.root().map(usage -> usage.toMap(detail)));
        put(report, DISKS, () -> Optional.of(fileSystems.mountPoints(detail)).filter(disks -> !disks.isEmpty()));
        put(report, LOAD_AVERAGE, () -> loadAverage(machine));
        put(report, UPTIME, () -> Optional.of(machine.os().getSystemUptime()).filter(seconds -> seconds > 0));
        if (detail == Detail.FULL) {
            put(report, TOP_PROCESSES, () -> Optional.of(r.topProcesses().list()));
        }
        return report;
    }

    private static Optional<Double> cpuUsage(CpuUsage cpu) {
        try {
            return boxed(cpu.percent());
        } catch (InterruptedException e) {
            // the client gave up on this report: be quick, and leave the flag for it
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** OSHI gives 0 or NaN for a temperature it could not read: not a reading. */
    private static Optional<Double> cpuTemperature(Machine machine) {
        if (machine.sensors() == null) {
            return Optional.empty();
        }
        double celsius = machine.sensors().getCpuTemperature();
        return celsius > 0 && Double.isFinite(celsius) ? Optional.of(Rounding.oneDecimal(celsius)) : Optional.empty();
    }

    private static Optional<List<Double>> loadAverage(Machine machine) {
        double[] load = machine.processor().getSystemLoadAverage(3);
        for (double value : load) {
            if (value < 0 || !Double.isFinite(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(List.of(Rounding.twoDecimals(load[0]), Rounding.twoDecimals(load[1]),
                Rounding.twoDecimals(load[2])));
    }

    /** A reading that fails is left out, logged at warn the first time and at debug after. */
    private void put(Map<String, Object> report, String key, Supplier<? extends Optional<?>> reading) {
        try {
            reading.get().ifPresent(value -> report.put(key, value));
            failing.remove(key);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: OSHI's native calls through JNA
            if (failing.add(key)) {
                LOG.warn("Cannot read {}: left out of health reports while it fails", key, e);
            } else {
                LOG.debug("Cannot read {}", key, e);
            }
        }
    }

    private static Optional<Double> boxed(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
