package trin.hw.linux.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = LinuxIdentity.PID,
        name = "trin Linux identity",
        description = "The device identity of a Linux machine: UID from a network interface's MAC address "
                + "(physical before virtual, universally before locally administered, up before down, lowest index).")
@interface LinuxIdentityConfiguration {

    @AttributeDefinition(
            name = "UID",
            required = false,
            description = "The device's UID, used instead of the one derived from a MAC address: "
                    + "set it to keep an identity the device already has on Smart. Empty: derive it.")
    String uid() default "";

    @AttributeDefinition(
            name = "Smart model id",
            required = false,
            description = "The device's Smart model id, a number, needed to register the device. "
                    + "Empty: none. Anything but a number is logged and ignored.")
    String modelId() default "";

    @AttributeDefinition(
            name = "Network interfaces directory",
            description = "Where the network interfaces are listed, one directory each, as in sysfs.")
    String netDir() default "/sys/class/net";

    @AttributeDefinition(
            name = "Reboot command",
            description = "Run to reboot the device. Split on whitespace into the program and its arguments: "
                    + "no shell and no quoting, so put anything more complex in a script and name the script here.")
    String rebootCommand() default "/sbin/reboot";
}
