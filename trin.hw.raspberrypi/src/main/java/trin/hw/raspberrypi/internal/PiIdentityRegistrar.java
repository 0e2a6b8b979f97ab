package trin.hw.raspberrypi.internal;

import trin.hw.common.RebootCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.device.DeviceIdentity;

/**
 * Registers a {@link DeviceIdentity} ranked above the Linux one, but only on a
 * Raspberry Pi: DS cannot make a service depend on what a file says, so the
 * registration is done by hand.
 */
@Component(configurationPid = PiIdentityRegistrar.PID, service = {})
@Designate(ocd = PiIdentityRegistrarConfiguration.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=trin.api.device.DeviceIdentity",
        uses = DeviceIdentity.class)
public final class PiIdentityRegistrar {

    static final String PID = "trin.hw.raspberrypi";
    static final int RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(PiIdentityRegistrar.class);

    private final ServiceRegistration<DeviceIdentity> registration;

    @Activate
    public PiIdentityRegistrar(BundleContext context, PiIdentityRegistrarConfiguration config) {
        registration = readUid(Path.of(config.cpuinfo()))
                .map(uid -> register(context, new PiIdentity(uid, new RebootCommand(config.rebootCommand()))))
                .orElse(null);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private static ServiceRegistration<DeviceIdentity> register(BundleContext context, PiIdentity identity) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, RANKING);
        ServiceRegistration<DeviceIdentity> registration =
                context.registerService(DeviceIdentity.class, identity, properties);
        LOG.info("Registered the {} identity, UID {}", PiIdentity.HARDWARE, identity.uid());
        return registration;
    }

    private static Optional<String> readUid(Path cpuinfo) {
        Optional<String> uid;
        try {
            uid = CpuInfo.uid(new String(Files.readAllBytes(cpuinfo), StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.info("Cannot read {} ({}): not a Raspberry Pi, the Linux identity applies", cpuinfo, e.toString());
            return Optional.empty();
        }
        if (uid.isEmpty()) {
            LOG.info("No Raspberry Pi serial in {}: not a Raspberry Pi, the Linux identity applies", cpuinfo);
        }
        return uid;
    }
}
