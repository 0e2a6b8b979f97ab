package trin.metrics.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /trin/metrics}: one scrape, {@value Exposition#CONTENT_TYPE}. */
final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TrinMetrics metrics;

    MetricsServlet(TrinMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = metrics.scrape().getBytes(UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(Exposition.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
