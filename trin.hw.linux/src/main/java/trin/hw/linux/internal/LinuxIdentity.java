package trin.hw.linux.internal;

import trin.hw.common.RebootCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.device.DeviceIdentity;

/**
 * The identity of any Linux machine: UID configured, or else from the MAC
 * address of the interface {@link NetInterface#PREFERENCE} puts first.
 * Ranked below the Raspberry Pi's.
 */
@Component(service = DeviceIdentity.class, configurationPid = LinuxIdentity.PID,
        property = "service.ranking:Integer=0")
@Designate(ocd = LinuxIdentityConfiguration.class)
public final class LinuxIdentity implements DeviceIdentity {

    static final String PID = "trin.hw.linux";
    static final String HARDWARE = "Linux";
    private static final Logger LOG = LoggerFactory.getLogger(LinuxIdentity.class);

    private final String uid;
    private final OptionalInt modelId;
    private final RebootCommand reboot;

    @Activate
    public LinuxIdentity(LinuxIdentityConfiguration config) {
        this.uid = uid(config);
        this.modelId = modelId(config.modelId());
        this.reboot = new RebootCommand(config.rebootCommand());
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public OptionalInt modelId() {
        return modelId;
    }

    @Override
    public String hardware() {
        return HARDWARE;
    }

    @Override
    public void reboot() throws IOException {
        reboot.run();
    }

    @Override
    public String toString() {
        return HARDWARE + " " + uid;
    }

    private static String uid(LinuxIdentityConfiguration config) {
        String configured = config.uid().trim();
        if (!configured.isEmpty()) {
            LOG.info("UID {} from configuration {}", configured, PID);
            return configured;
        }
        Path netDir = Path.of(config.netDir().trim());
        NetInterface chosen = NetInterfaces.preferred(netDir).orElseThrow(() -> {
            // never a random UID: the device would be someone else after the next boot
            String message = "No network interface with a usable MAC address in " + netDir
                    + ": set uid in configuration " + PID;
            LOG.warn(message);
            return new IllegalStateException(message);
        });
        LOG.info("UID {} from the MAC address of {}", chosen.mac().uid(), chosen.name());
        return chosen.mac().uid();
    }

    private static OptionalInt modelId(String configured) {
        String value = configured.trim();
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.matches("\\d{1,9}")) {
            return OptionalInt.of(Integer.parseInt(value));
        }
        LOG.warn("modelId '{}' in configuration {} is not a number: no model id", value, PID);
        return OptionalInt.empty();
    }
}
