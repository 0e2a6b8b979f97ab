package trin.hw.raspberrypi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

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

import trin.api.health.HealthReporter;

/**
 * Registers {@link PiFirmwareHealth}, ranked above the generic system health
 * so that its {@code cpu_tmp} wins, but only on a Raspberry Pi (a serial in
 * cpuinfo, as for the identity): DS cannot make a service depend on what a
 * file says, so the registration is done by hand.
 */
@Component(configurationPid = PiFirmwareHealthRegistrar.PID, service = {})
@Designate(ocd = PiFirmwareHealthRegistrarConfiguration.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=trin.api.health.HealthReporter",
        uses = HealthReporter.class)
public final class PiFirmwareHealthRegistrar {

    static final String PID = "trin.hw.raspberrypi.health";
    static final int RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(PiFirmwareHealthRegistrar.class);

    private final ServiceRegistration<HealthReporter> registration;

    @Activate
    public PiFirmwareHealthRegistrar(BundleContext context, PiFirmwareHealthRegistrarConfiguration config) {
        registration = isRaspberryPi(Path.of(config.cpuinfo())) ? register(context, reporter(config)) : null;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private static PiFirmwareHealth reporter(PiFirmwareHealthRegistrarConfiguration config) {
        Path thermalZone = Path.of(config.thermalZone());
        Vcgencmd vcgencmd = Vcgencmd.locate(config.vcgencmd(), System.getenv("PATH"), Vcgencmd.WELL_KNOWN_DIRS)
                .map(program -> new Vcgencmd(program,
                        Duration.ofMillis(Math.max(1, config.vcgencmdTimeoutMillis()))))
                .orElse(null);
        if (vcgencmd == null) {
            LOG.warn("No vcgencmd (looked for \"{}\" on the PATH, in /usr/bin and /opt/vc/bin): "
                    + "no volts in health reports, cpu_tmp from {}", config.vcgencmd(), thermalZone);
        }
        return new PiFirmwareHealth(vcgencmd, thermalZone);
    }

    private static ServiceRegistration<HealthReporter> register(BundleContext context, PiFirmwareHealth reporter) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HealthReporter.SCOPE, HealthReporter.SCOPE_SYSTEM);
        properties.put(Constants.SERVICE_RANKING, RANKING);
        ServiceRegistration<HealthReporter> registration =
                context.registerService(HealthReporter.class, reporter, properties);
        LOG.info("Registered the Raspberry Pi firmware health readings");
        return registration;
    }

    private static boolean isRaspberryPi(Path cpuinfo) {
        try {
            if (CpuInfo.uid(new String(Files.readAllBytes(cpuinfo), StandardCharsets.UTF_8)).isPresent()) {
                return true;
            }
        } catch (IOException e) {
            LOG.debug("Cannot read {} ({}): not a Raspberry Pi", cpuinfo, e.toString());
            return false;
        }
        LOG.debug("No Raspberry Pi serial in {}: no firmware health readings", cpuinfo);
        return false;
    }
}
