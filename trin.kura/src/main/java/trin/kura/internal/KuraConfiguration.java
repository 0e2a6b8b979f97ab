package trin.kura.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = KuraConfigurables.PID,
        name = "trin in Kura",
        description = "Which trin configurations Kura's web UI shows and edits. Each appears while a bundle "
                + "that describes it (OSGI-INF/metatype/<pid>.xml) is active.")
@interface KuraConfiguration {

    @AttributeDefinition(
            name = "Configuration PIDs",
            description = "The configuration PIDs offered to Kura's configuration service as configurable "
                    + "components (kura.service.pid = service.pid = the PID).")
    String[] pids() default {"trin.client", "trin.crypto", "trin.health", "trin.hw.linux", "trin.hw.raspberrypi",
        "trin.hw.raspberrypi.health", "trin.examples.sample"};
}
