package trin.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value #PID}: how the web console samples the health values it plots. */
@ObjectClassDefinition(id = HealthHistoryConfiguration.PID, name = "trin web console: health history",
        description = "How often the web console reads the health values (CPU, memory, disk, temperature) it plots")
@interface HealthHistoryConfiguration {

    String PID = "trin.console.history";

    @AttributeDefinition(name = "Sample interval", description = "Seconds between two readings, at least 1")
    int sampleSeconds() default 15;

    @AttributeDefinition(name = "History", description = "Minutes of readings kept and plotted")
    int minutes() default 60;
}
