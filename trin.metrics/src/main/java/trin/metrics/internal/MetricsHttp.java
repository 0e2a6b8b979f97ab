package trin.metrics.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Registers {@code /trin/metrics} with the jakarta servlet whiteboard, while one
 * runs (trin's web console brings Jetty 12; Kura 5 has none, and this
 * component never activates there, so the servlet's classes are never
 * loaded). By default in the console's servlet context {@code trin}, which
 * asks for the console's user and password before it answers; with
 * {@code anonymous=true} in the default context, for anyone who reaches the
 * port.
 */
@Component(service = {}, immediate = true, configurationPid = MetricsConfiguration.PID)
public final class MetricsHttp {

    static final String CONSOLE_CONTEXT = "trin";
    static final String PATH = "/trin/metrics";

    private final ServiceRegistration<?> registration;

    @Activate
    public MetricsHttp(@Reference HttpServiceRuntime runtime, @Reference TrinMetrics metrics,
            MetricsConfiguration config, BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        if (config.anonymous()) {
            properties.put("osgi.http.whiteboard.servlet.pattern", PATH);
            properties.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=default)");
        } else {
            properties.put("osgi.http.whiteboard.servlet.pattern", PATH.substring("/trin".length()));
            properties.put("osgi.http.whiteboard.context.select",
                    "(osgi.http.whiteboard.context.name=" + CONSOLE_CONTEXT + ")");
        }
        properties.put("osgi.http.whiteboard.servlet.name", "trin.metrics");
        registration = context.registerService("jakarta.servlet.Servlet", new MetricsServlet(metrics), properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the bundle is stopping: the framework has unregistered it
        }
    }
}
