package trin.console.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps other web sites out of the console, on every page of the Felix Web
 * Console (its servlet context, {@value #WEB_CONSOLE_CONTEXT}) and under
 * {@code /trin}. A request that may change something (any method but GET,
 * HEAD, OPTIONS, TRACE) is refused with 403 when its {@code Origin}, or else
 * its {@code Referer}, names another host or port than its {@code Host}: the
 * address the browser used, so also through an SSH tunnel on another port.
 * One with neither header comes from a tool such as curl, not from a page a
 * browser shows (browsers send {@code Origin} with every cross-site POST), and
 * goes on. Every answer says it may be framed only by the console itself and
 * carries a content security policy that Felix's pages, with their inline
 * scripts and eval, live with.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.name=trin.console.cross-site",
    "osgi.http.whiteboard.filter.pattern=/*",
    "osgi.http.whiteboard.context.select=(|(osgi.http.whiteboard.context.name=" + CrossSiteFilter.WEB_CONSOLE_CONTEXT
            + ")(osgi.http.whiteboard.context.name=" + ConsoleAuth.CONTEXT_NAME + "))"
})
public final class CrossSiteFilter implements Filter {

    static final String WEB_CONSOLE_CONTEXT = "org.apache.felix.webconsole";
    /**
     * Scripts and styles from the console only, but inline ones and eval allowed: Felix's pages have inline
     * scripts, and the table sorter and the upload field they load use eval. Frames: 'self' rather than 'none',
     * as the Web Console's licenses page shows a license in a frame of its own.
     */
    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteFilter.class);

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (!SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            String host = request.getHeader("Host");
            if (host == null) {
                host = request.getServerName() + ":" + request.getServerPort();
            }
            Optional<String> refusal = refusal(request.getHeader("Origin"), request.getHeader("Referer"), host,
                    request.getScheme());
            if (refusal.isPresent()) {
                LOG.warn("Refused a {} to {} from another web site: {}", request.getMethod(), printable(
                        request.getRequestURI()), printable(refusal.get()));
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("text/plain;charset=utf-8");
                response.setHeader("Cache-Control", "no-store");
                response.getWriter().println("403 Forbidden: the trin console takes changes from its own pages only");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Why a request that may change something is refused, or empty when it
     * came from the console's own pages or from no web page at all.
     *
     * @param host the {@code Host} header: {@code name[:port]}
     * @param scheme the request's, for the port {@code host} leaves out
     */
    static Optional<String> refusal(String origin, String referer, String host, String scheme) {
        String source = origin != null ? origin : referer;
        if (source == null) {
            return Optional.empty();
        }
        String header = origin != null ? "Origin " : "Referer ";
        Optional<String> from = authority(source.strip());
        Optional<String> to = authority(scheme + "://" + host.strip());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.of(header + source + " or Host " + host + " is not an address");
        }
        if (!from.get().equals(to.get())) {
            return Optional.of(header + source + " is not " + host);
        }
        return Optional.empty();
    }

    /** {@code host:port} of an absolute http(s) URI, the port filled in from the scheme. */
    private static Optional<String> authority(String uri) {
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return Optional.empty();
            }
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(u.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** For the log: what a stranger sent, shortened and without line breaks or other control characters. */
    private static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
