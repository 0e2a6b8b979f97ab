package trin.kura.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = KuraConfigurables.PID,
        name = "trin in Kura",
        description = "Which configurations Kura's web UI shows and edits: those of every active bundle that "
                + "imports trin.api (trin's and every application's: each configuration PID of a component whose "
                + "metatype OCD id is that PID), and those listed here while a bundle that describes them "
                + "(OSGI-INF/metatype/<pid>.xml) is active.")
@interface KuraConfiguration {

    @AttributeDefinition(
            name = "More configuration PIDs",
            description = "Configuration PIDs offered to Kura's configuration service as configurable "
                    + "components (kura.service.pid = service.pid = the PID) besides those found by themselves.")
    String[] pids() default {"trin.client", "trin.crypto", "trin.health", "trin.hw.linux", "trin.hw.raspberrypi",
        "trin.hw.raspberrypi.health", "trin.examples.sample"};
}
