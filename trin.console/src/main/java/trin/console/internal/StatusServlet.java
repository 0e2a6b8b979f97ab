package trin.console.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import trin.api.client.ClientStatus;

/**
 * For local monitoring tools, behind the same password as the console:
 * {@code /trin/status}, the status as JSON, and {@code /trin/health}, a plain
 * check that answers 200 while connected and 503 otherwise.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + StatusServlet.STATUS,
    "osgi.http.whiteboard.servlet.pattern=" + StatusServlet.HEALTH,
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + ConsoleAuth.CONTEXT_NAME + ")"
})
public final class StatusServlet extends HttpServlet {

    static final String STATUS = "/status";
    static final String HEALTH = "/health";
    private static final long serialVersionUID = 1L;

    private final transient ConsoleData data;

    @Activate
    public StatusServlet(@Reference(name = "data") ConsoleData data) {
        this.data = data;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (HEALTH.equals(request.getServletPath())) {
            boolean connected = data.clientStatus().map(ClientStatus::connected).orElse(false);
            String state = data.clientStatus().map(s -> s.state().name()).orElse("NO_CLIENT");
            response.setStatus(connected ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain;charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().println(state);
            return;
        }
        Json.write(response, HttpServletResponse.SC_OK, data.status());
    }
}
