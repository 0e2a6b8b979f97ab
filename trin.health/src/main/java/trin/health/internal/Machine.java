package trin.health.internal;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.Sensors;
import oshi.software.os.OperatingSystem;

/**
 * The OSHI objects a report reads, made once and kept: OSHI reads the
 * machine's description when they are made, and only the changing values
 * afterwards.
 *
 * @param sensors {@code null} when the temperature is not read
 */
record Machine(CentralProcessor processor, GlobalMemory memory, Sensors sensors, OperatingSystem os) {

    static Machine local(boolean withSensors) {
        SystemInfo system = new SystemInfo();
        HardwareAbstractionLayer hardware = system.getHardware();
        return new Machine(hardware.getProcessor(), hardware.getMemory(),
                withSensors ? hardware.getSensors() : null, system.getOperatingSystem());
    }
}
