package trin.hw.raspberrypi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

import trin.api.device.DeviceIdentity;
import trin.hw.raspberrypi.internal.RecordingBundleContext.Registration;

class PiIdentityRegistrarTest {

    @TempDir
    Path dir;

    private final RecordingBundleContext bundle = new RecordingBundleContext();

    @Test
    void givenRaspberryPi_whenActivated_thenRegistersItsIdentityRankedAboveLinux() throws IOException {
        new PiIdentityRegistrar(bundle.context(), config(cpuinfo("raspberry-pi-4b-aarch64.txt"), "/sbin/reboot"));

        assertThat(bundle.registrations).hasSize(1);
        Registration registration = bundle.registrations.get(0);
        assertThat(registration.clazz).isEqualTo(DeviceIdentity.class);
        assertThat(registration.properties.get(Constants.SERVICE_RANKING)).isEqualTo(100);
        DeviceIdentity identity = (DeviceIdentity) registration.service;
        assertThat(identity.uid()).isEqualTo("AAA00002B1E5C7D");
        assertThat(identity.modelId()).hasValue(2795);
        assertThat(identity.hardware()).isEqualTo("Raspberry Pi");
    }

    @Test
    void givenRegisteredIdentity_whenDeactivated_thenUnregistered() throws IOException {
        PiIdentityRegistrar registrar =
                new PiIdentityRegistrar(bundle.context(), config(cpuinfo("raspberry-pi-3b-armv7.txt"), "/sbin/reboot"));

        registrar.deactivate();

        assertThat(bundle.registrations).singleElement().satisfies(r -> assertThat(r.unregistered).isTrue());
    }

    @Test
    void givenX86Machine_whenActivatedAndDeactivated_thenNothingRegistered() throws IOException {
        PiIdentityRegistrar registrar =
                new PiIdentityRegistrar(bundle.context(), config(cpuinfo("x86-amd-epyc.txt"), "/sbin/reboot"));
        registrar.deactivate();

        assertThat(bundle.registrations).isEmpty();
    }

    @Test
    void givenMissingCpuinfo_whenActivated_thenNothingRegistered() {
        new PiIdentityRegistrar(bundle.context(), config(dir.resolve("missing"), "/sbin/reboot"));

        assertThat(bundle.registrations).isEmpty();
    }

    @Test
    void givenThisMachinesCpuinfo_thenDecisionMatchesItsSerialLine() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        boolean hasSerial = Files.isReadable(cpuinfo) && Files.readString(cpuinfo).lines().anyMatch(l -> l.startsWith("Serial"));

        new PiIdentityRegistrar(bundle.context(), config(cpuinfo, "/sbin/reboot"));

        assertThat(bundle.registrations).hasSize(hasSerial ? 1 : 0);
    }

    @Test
    void givenMarkerScriptAsRebootCommand_whenRegisteredIdentityReboots_thenScriptRan() throws IOException {
        Path script = Files.writeString(dir.resolve("reboot.sh"), "touch \"$1\"\n");
        Path marker = dir.resolve("rebooted");
        new PiIdentityRegistrar(bundle.context(),
                config(cpuinfo("raspberry-pi-zero-w-armv6.txt"), "/bin/sh " + script + " " + marker));

        ((DeviceIdentity) bundle.registrations.get(0).service).reboot();

        assertThat(marker).exists();
    }

    private Path cpuinfo(String fixture) throws IOException {
        return Files.writeString(dir.resolve(fixture), CpuInfoTest.fixture(fixture));
    }

    static PiIdentityRegistrarConfiguration config(Path cpuinfo, String rebootCommand) {
        return new PiIdentityRegistrarConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PiIdentityRegistrarConfiguration.class;
            }

            @Override
            public String cpuinfo() {
                return cpuinfo.toString();
            }

            @Override
            public String rebootCommand() {
                return rebootCommand;
            }
        };
    }
}
