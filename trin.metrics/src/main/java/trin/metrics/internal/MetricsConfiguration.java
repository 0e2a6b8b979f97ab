package trin.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MetricsConfiguration.PID, name = "trin metrics",
        description = "The gateway's metrics in Prometheus's text format: /trin/metrics on the web console's HTTP "
                + "service, and a file for node_exporter's textfile collector.")
@interface MetricsConfiguration {

    String PID = "trin.metrics";

    @AttributeDefinition(name = "Textfile", required = false,
            description = "A file rewritten (atomically: a temporary file, then a rename) with every metric, for "
                    + "node_exporter's --collector.textfile.directory; it should end in .prom. Empty: no file.")
    String textfile() default "";

    @AttributeDefinition(name = "Textfile interval", description = "Seconds between rewrites of the textfile.", min = "1")
    int textfileInterval() default 15;

    @AttributeDefinition(name = "Anonymous /trin/metrics",
            description = "true: /trin/metrics answers without a password (anyone who reaches the HTTP port "
                    + "reads it); false: it asks for the web console's user and password, as /trin/status does.")
    boolean anonymous() default false;

    @AttributeDefinition(name = "Health timeout",
            description = "Milliseconds a health reporter may take in one scrape before it is left out.", min = "1")
    int healthTimeout() default 5000;
}
