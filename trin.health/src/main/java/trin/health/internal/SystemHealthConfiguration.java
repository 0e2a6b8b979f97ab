package trin.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = SystemHealth.PID,
        name = "trin system health",
        description = "The machine's health in every report: CPU usage and temperature, memory, disk, "
                + "load average, uptime and, in full reports, the top 5 processes by resident memory.")
@interface SystemHealthConfiguration {

    @AttributeDefinition(
            name = "Mount points",
            required = false,
            description = "Paths whose file systems are reported under disks, besides the root file system "
                    + "under disk. A path that is not there is left out, with one log line naming it.")
    String[] mountPoints() default {};

    @AttributeDefinition(
            name = "CPU sample (ms)",
            description = "The shortest time that cpu_usg is measured over. Each report covers the time since "
                    + "the previous one; a report sooner than this after the previous one repeats its value, "
                    + "and the first report after start waits until this much time has passed since start. "
                    + "Never less than the time OSHI keeps a reading (oshi.util.memoizer.expiration, 300 ms).",
            min = "0")
    long cpuSampleMillis() default 1000;

    @AttributeDefinition(
            name = "CPU temperature",
            description = "Read cpu_tmp from the machine's sensors. On a Raspberry Pi the sensor library runs "
                    + "vcgencmd for every reading while trin.hw.raspberrypi reports cpu_tmp already: turn this "
                    + "off there to save a process per report.")
    boolean cpuTemperature() default true;
}
