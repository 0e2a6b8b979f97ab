package trin.hw.raspberrypi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = PiFirmwareHealthRegistrar.PID,
        name = "trin Raspberry Pi firmware health",
        description = "Core voltage (volts) and CPU temperature (cpu_tmp) from the Raspberry Pi firmware in every "
                + "health report. On a machine without a Raspberry Pi serial in cpuinfo nothing is registered.")
@interface PiFirmwareHealthRegistrarConfiguration {

    @AttributeDefinition(
            name = "cpuinfo file",
            description = "The file whose Serial line tells a Raspberry Pi, as for the identity.")
    String cpuinfo() default "/proc/cpuinfo";

    @AttributeDefinition(
            name = "vcgencmd",
            description = "The firmware's command. A bare name is looked for on the PATH, then in /usr/bin and "
                    + "/opt/vc/bin; a path is used as it is. Looked for once, at start: without it there is no "
                    + "volts, and cpu_tmp comes from the thermal zone.")
    String vcgencmd() default "vcgencmd";

    @AttributeDefinition(
            name = "vcgencmd timeout (ms)",
            description = "How long one vcgencmd may take before it is killed and its reading left out.",
            min = "1")
    long vcgencmdTimeoutMillis() default 2000;

    @AttributeDefinition(
            name = "Thermal zone",
            description = "The file with the CPU temperature in millidegrees Celsius, read when vcgencmd gives none.")
    String thermalZone() default "/sys/class/thermal/thermal_zone0/temp";
}
