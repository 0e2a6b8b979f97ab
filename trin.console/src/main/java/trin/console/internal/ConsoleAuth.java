package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic authentication of the user {@value #USER}, for the Felix Web
 * Console (as its security provider {@value #PROVIDER_ID}, which the
 * distribution requires before the console opens: there is no admin/admin)
 * and for the endpoints under {@value #CONTEXT_PATH} (as their servlet
 * context). Wrong or missing credentials get 401.
 */
@Component(service = {SecurityProvider.class, ServletContextHelper.class}, configurationPid = ConsoleConfiguration.PID,
        property = {
            SecurityProvider.PROPERTY_ID + "=" + ConsoleAuth.PROVIDER_ID,
            "osgi.http.whiteboard.context.name=" + ConsoleAuth.CONTEXT_NAME,
            "osgi.http.whiteboard.context.path=" + ConsoleAuth.CONTEXT_PATH
        })
@Designate(ocd = ConsoleConfiguration.class)
public final class ConsoleAuth extends ServletContextHelper implements SecurityProvider {

    static final String USER = "trin";
    static final String PROVIDER_ID = "trin";
    static final String CONTEXT_NAME = "trin";
    static final String CONTEXT_PATH = "/trin";
    static final String REALM = "trin";
    static final String HOME = "trin.home";

    private final Password password;

    @Activate
    public ConsoleAuth(ConsoleConfiguration config, BundleContext context) throws IOException {
        this.password = config.passwordHash().isBlank() ? Password.ofFile(passwordFile(config, context))
                : Password.ofHash(config.passwordHash());
    }

    ConsoleAuth(Password password) {
        this.password = password;
    }

    // The Web Console

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        if (allowed(request.getHeader("Authorization"))) {
            return USER;
        }
        challenge(response);
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return USER.equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic authentication has no session to end: the browser forgets when it closes.
    }

    // The endpoints under /trin

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (allowed(request.getHeader("Authorization"))) {
            request.setAttribute(REMOTE_USER, USER);
            request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
            return true;
        }
        challenge(response);
        return false;
    }

    /** Whether an {@code Authorization} header names the user trin with the right password. */
    boolean allowed(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && USER.equals(decoded.substring(0, colon)) && password.matches(decoded.substring(colon + 1));
    }

    private static void challenge(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain;charset=utf-8");
        try {
            response.getWriter().println("401 Unauthorized: the trin console needs the user trin and its password");
        } catch (IOException | IllegalStateException e) {
            // the status is what counts
        }
    }

    private static Path passwordFile(ConsoleConfiguration config, BundleContext context) {
        if (!config.passwordFile().isBlank()) {
            return Path.of(config.passwordFile());
        }
        String home = context.getProperty(HOME);
        if (home != null && !home.isBlank()) {
            return Path.of(home, "data", "console.password");
        }
        return context.getDataFile("console.password").toPath();
    }
}
