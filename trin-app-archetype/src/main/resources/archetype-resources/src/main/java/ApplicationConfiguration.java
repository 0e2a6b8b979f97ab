package ${package};

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The application's configuration, PID {@value Application#PID}: the file
 * {@code conf/${package}.cfg} of trin's distribution, a form in the Felix web console, and in Eclipse
 * Kura's UI (trin.kura offers it there: the metatype's id is the component's configuration PID).
 */
@ObjectClassDefinition(id = Application.PID, name = "${artifactId}",
        description = "The trin application ${appId}: answers echo.")
@interface ApplicationConfiguration {

    @AttributeDefinition(name = "Event code",
            description = "The code of the event published for each echo (an application's own code).")
    int eventCode() default 1000;
}
