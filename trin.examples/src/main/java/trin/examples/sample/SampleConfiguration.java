package trin.examples.sample;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The sample application's configuration, PID {@value #PID}: in the
 * distribution, the file {@code conf/trin.examples.sample.cfg}. Declaring it
 * with metatype annotations makes it show up, with these names and
 * descriptions, in any console that edits configuration (the Felix web
 * console, Eclipse Kura).
 */
@ObjectClassDefinition(id = SampleConfiguration.PID, name = "trin sample application",
        description = "The sample application of PID my_app_id: answers sum_these, publishes a loop counter event "
                + "and reports its health.")
@interface SampleConfiguration {

    /** The configuration PID. */
    String PID = "trin.examples.sample";

    @AttributeDefinition(name = "Event interval (s)",
            description = "Seconds between two 'Loop Counter' events (code 123); 0 turns them off.", min = "0")
    int eventInterval() default 300;
}
