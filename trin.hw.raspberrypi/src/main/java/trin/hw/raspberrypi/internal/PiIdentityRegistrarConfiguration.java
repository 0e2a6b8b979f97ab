package trin.hw.raspberrypi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = PiIdentityRegistrar.PID,
        name = "trin Raspberry Pi identity",
        description = "The device identity of a Raspberry Pi: UID from the CPU serial in cpuinfo, Smart model 2795. "
                + "On a machine without a serial nothing is registered and the Linux identity applies.")
@interface PiIdentityRegistrarConfiguration {

    @AttributeDefinition(
            name = "cpuinfo file",
            description = "The file whose Serial line gives the UID (AAA and the serial's last 12 hex digits).")
    String cpuinfo() default "/proc/cpuinfo";

    @AttributeDefinition(
            name = "Reboot command",
            description = "Run to reboot the device. Split on whitespace into the program and its arguments: "
                    + "no shell and no quoting, so put anything more complex in a script and name the script here.")
    String rebootCommand() default "/sbin/reboot";
}
