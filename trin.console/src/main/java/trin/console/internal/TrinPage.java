package trin.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.util.Map;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The trin page of the Felix Web Console, {@code /system/console/trin}: the
 * connection, the applications and health reporters, the recent messages
 * and the health plots, refreshed by its script from {@code trin/data.json};
 * and the operator's two actions, by POST to {@code trin/action}. Its script
 * and style are served from this bundle (a gateway has no internet).
 */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + TrinPage.LABEL,
    ServletConstants.PLUGIN_TITLE + "=trin",
    ServletConstants.PLUGIN_CATEGORY + "=trin"
})
public final class TrinPage extends AbstractServlet {

    static final String LABEL = "trin";
    /** A header a page of another site cannot send without asking first (CORS): the actions need it. */
    static final String ACTION_HEADER = "X-Trin-Action";
    private static final long serialVersionUID = 1L;
    private static final String RES = "/" + LABEL + "/res/";

    private final transient ConsoleData data;

    @Activate
    public TrinPage(@Reference(name = "data") ConsoleData data) {
        this.data = data;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (("/" + LABEL + "/data.json").equals(request.getPathInfo())) {
            Json.write(response, HttpServletResponse.SC_OK, data.page());
            return;
        }
        super.doGet(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!("/" + LABEL + "/action").equals(request.getPathInfo()) || request.getHeader(ACTION_HEADER) == null) {
            Json.write(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", "not an action of this page"));
            return;
        }
        String action = request.getHeader(ACTION_HEADER);
        boolean done;
        switch (action) {
            case "report" -> done = data.publishFullReport();
            case "restart" -> done = data.restartSession();
            default -> {
                Json.write(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", "unknown action"));
                return;
            }
        }
        Json.write(response, done ? HttpServletResponse.SC_OK : HttpServletResponse.SC_CONFLICT,
                Map.of("action", action, "done", done));
    }

    @Override
    protected URL getResource(String path) {
        if (path != null && path.startsWith(RES) && path.indexOf("..") < 0) {
            return TrinPage.class.getResource("/res/" + path.substring(RES.length()));
        }
        return null;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        String base = escape(root == null ? LABEL : root.toString());
        PrintWriter out = response.getWriter();
        out.println("<link rel=\"stylesheet\" href=\"" + base + "/res/trin.css\">");
        out.println("<div id=\"trin\" data-root=\"" + base + "\">");
        out.println("<section><h2>Connection</h2><table class=\"tr-kv\" id=\"tr-status\"></table>");
        out.println("<p class=\"tr-actions\"><button type=\"button\" id=\"tr-report\">Publish the full report now"
                + "</button> <button type=\"button\" id=\"tr-restart\">Restart the session</button> "
                + "<span id=\"tr-action-result\"></span></p></section>");
        out.println("<section><h2>Health, last hour</h2><div id=\"tr-plots\"></div></section>");
        out.println("<section><h2>Applications</h2><ul id=\"tr-apps\"></ul>"
                + "<h2>Health reporters</h2><ul id=\"tr-reporters\"></ul></section>");
        out.println("<section><h2>Recent messages</h2><table class=\"tr-messages\"><thead><tr><th>time</th>"
                + "<th></th><th>topic</th><th>bytes</th><th>payload</th></tr></thead><tbody id=\"tr-messages\">"
                + "</tbody></table></section>");
        out.println("</div>");
        out.println("<script src=\"" + base + "/res/trin.js\"></script>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
