package trin.console.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic authentication of the user {@value #USER}, for the Felix Web
 * Console (as its security provider {@value #PROVIDER_ID}, which the
 * distribution requires before the console opens: there is no admin/admin)
 * and for the endpoints under {@value #CONTEXT_PATH} (as their servlet
 * context). Missing or wrong credentials get 401; after a few wrong ones in a
 * row, 429 with a growing wait ({@link LoginThrottle}). A verified password is
 * remembered for a while ({@link VerifiedCredentials}), so the slow hash is
 * paid once per login; one login is verified at a time, so that parallel
 * first requests of a page pay it once too.
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
    static final int TOO_MANY_REQUESTS = 429;

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuth.class);
    private static final byte[] USER_BYTES = USER.getBytes(UTF_8);

    /** What {@link #check} found. */
    enum Outcome { ALLOWED, MISSING, WRONG, THROTTLED }

    private final Password password;
    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;
    private final Object verifying = new Object();

    @Activate
    public ConsoleAuth(ConsoleConfiguration config, BundleContext context) throws IOException {
        this(config.passwordHash().isBlank() ? Password.ofFile(passwordFile(config, context))
                : Password.ofHash(config.passwordHash()), Clock.systemUTC());
        password.upgradeAdvice().ifPresent(LOG::warn);
    }

    ConsoleAuth(Password password, Clock clock) {
        this.password = password;
        this.throttle = new LoginThrottle(clock);
        this.verified = new VerifiedCredentials(clock, new SecureRandom());
    }

    // The Web Console

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        return answer(check(request.getHeader("Authorization")), response) ? USER : null;
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
        if (answer(check(request.getHeader("Authorization")), response)) {
            request.setAttribute(REMOTE_USER, USER);
            request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
            return true;
        }
        return false;
    }

    /** Whether an {@code Authorization} header names the user trin with the right password, or why not. */
    Outcome check(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Outcome.MISSING;
        }
        if (verified.contains(header)) {
            return Outcome.ALLOWED;
        }
        synchronized (verifying) {
            if (verified.contains(header)) {
                return Outcome.ALLOWED;
            }
            if (throttle.waitLeft().isPresent()) {
                return Outcome.THROTTLED;
            }
            if (matches(header)) {
                verified.remember(header);
                throttle.succeeded();
                return Outcome.ALLOWED;
            }
            throttle.failed();
            return Outcome.WRONG;
        }
    }

    /** How long a login must still wait, in whole seconds, at least 1. */
    long retryAfterSeconds() {
        long millis = throttle.waitLeft().map(Duration::toMillis).orElse(0L);
        return Math.max(1, (millis + 999) / 1000);
    }

    private boolean matches(String header) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        String credentials = new String(decoded, UTF_8);
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean user = MessageDigest.isEqual(USER_BYTES, credentials.substring(0, colon).getBytes(UTF_8));
        return password.matches(credentials.substring(colon + 1)) & user;
    }

    /** @return whether the request may go on; otherwise the answer is written */
    private boolean answer(Outcome outcome, HttpServletResponse response) {
        switch (outcome) {
            case ALLOWED -> {
                return true;
            }
            case THROTTLED -> {
                long seconds = retryAfterSeconds();
                response.setHeader("Retry-After", Long.toString(seconds));
                write(response, TOO_MANY_REQUESTS, "429 Too Many Requests: too many wrong passwords for the trin "
                        + "console; try again in " + seconds + " s");
            }
            default -> {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                write(response, HttpServletResponse.SC_UNAUTHORIZED,
                        "401 Unauthorized: the trin console needs the user trin and its password");
            }
        }
        return false;
    }

    private static void write(HttpServletResponse response, int status, String text) {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        try {
            response.getWriter().println(text);
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
