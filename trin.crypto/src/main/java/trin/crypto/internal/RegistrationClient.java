package trin.crypto.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.device.Registration;
import trin.api.device.RegistrationException;

/**
 * Registers a device with the Smart platform and stores the key and CID it
 * gets. Needs no OSGi framework, so that {@code bin/trin register} can use it
 * without a running runtime.
 */
public final class RegistrationClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationClient.class);

    /**
     * The customer id of the LOCAL development identity (trin.devbroker's {@code DevelopmentIdentity.LOCAL_CID},
     * which this bundle cannot import): the platform never hands it out, so a key directory holding it is the
     * LOCAL set-up's.
     */
    static final String LOCAL_CID = "00000000";

    private final String registrationUrl;
    private final Path keyDir;
    private final Duration timeout;

    /**
     * @param registrationUrl the base URL; the UID and a slash are appended
     * @param keyDir where the key and CID files go
     * @param timeout for connecting, and again for the answer
     */
    public RegistrationClient(String registrationUrl, Path keyDir, Duration timeout) {
        this.registrationUrl = registrationUrl.strip().replaceAll("/+$", "");
        this.keyDir = keyDir;
        this.timeout = timeout;
    }

    /**
     * @param uid this device's UID
     * @param modelId this device's Smart model id; empty fails
     * @param username the user's Smart login
     * @param password the user's Smart password; not cleared here
     * @param customerId the customer to register for, if any
     */
    public Registration register(String uid, OptionalInt modelId, String username, char[] password,
            Optional<String> customerId) throws RegistrationException {
        if (modelId.isEmpty()) {
            throw new RegistrationException("This device has no Smart model id: set modelId in configuration "
                    + "trin.hw.linux (conf/trin.hw.linux.cfg) and register again.");
        }
        if (username == null || username.isBlank() || username.indexOf(':') >= 0) {
            throw new RegistrationException("A Smart username is needed (and may not contain ':').");
        }
        refuseLocalKeyDir();
        URI uri = uri(uid);
        LOG.info("Registering device {} (model {}) for user {} at {}", uid, modelId.getAsInt(), username, uri);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"127.0.0.1".equals(uri.getHost())
                && !"localhost".equalsIgnoreCase(uri.getHost())) {
            LOG.warn("The registration URL {} is not https: the Smart login is sent unencrypted", uri);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", basic(username, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RegistrationJson.request(modelId.getAsInt(), customerId)))
                .build(), uri);
        checkStatus(response, username);
        RegistrationJson.Answer answer = RegistrationJson.answer(response.body());
        try {
            store(answer);
        } finally {
            Arrays.fill(answer.key(), (byte) 0);
        }
        String registeredUid = answer.uid().orElse(uid);
        if (!registeredUid.equals(uid)) {
            LOG.warn("The platform registered UID {}, not this device's UID {}", registeredUid, uid);
        }
        LOG.info("Registered device {}: CID {}, key stored in {}", registeredUid, answer.cid(), keyDir);
        return new Registration(answer.cid(), registeredUid, answer.message());
    }

    /*
     * The LOCAL set-up's key directory holds a development key that only the development broker knows.
     * Registering there would send the user's Smart login to the real platform and then overwrite that key
     * with the platform's, under a configuration that still points at the development broker.
     */
    private void refuseLocalKeyDir() throws RegistrationException {
        Path cidFile = keyDir.resolve(KeyFiles.CID_FILE);
        String cid;
        try {
            cid = Files.isRegularFile(cidFile) ? Files.readString(cidFile, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return; // unreadable: the write, later, says what is wrong
        }
        if (LOCAL_CID.equals(cid)) {
            throw new RegistrationException("The key directory " + keyDir + " is the LOCAL development set-up's "
                    + "(its customer id is " + LOCAL_CID + "): registering would overwrite its key with the Smart "
                    + "platform's. Point conf/ at the Smart platform first (cp conf/platform/*.cfg conf/, see the "
                    + "README), then register. Nothing was sent or written.");
        }
    }

    private URI uri(String uid) throws RegistrationException {
        if (uid == null || !uid.matches("[A-Za-z0-9._-]+")) {
            throw new RegistrationException("The UID '" + uid + "' cannot be used in the registration URL.");
        }
        URI uri;
        try {
            uri = new URI(registrationUrl + "/" + uid + "/");
        } catch (URISyntaxException e) {
            throw badUrl(e.getMessage());
        }
        if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
            throw badUrl("an http or https URL with a host is needed");
        }
        return uri;
    }

    private RegistrationException badUrl(String why) {
        return new RegistrationException("The registration URL '" + registrationUrl
                + "' is not valid (configuration trin.crypto, registrationUrl): " + why);
    }

    private HttpResponse<String> send(HttpRequest request, URI uri) throws RegistrationException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        CompletableFuture<HttpResponse<String>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The request's own timeout ends at the headers; this one also covers a body that never comes.
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut(uri, e);
        } catch (ExecutionException e) {
            throw failed(uri, e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistrationException("The registration was interrupted. Nothing was written.", e);
        }
    }

    private RegistrationException failed(URI uri, Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return timedOut(uri, cause);
        }
        if (cause instanceof ConnectException) {
            return new RegistrationException("Cannot connect to the registration service at " + uri + ": "
                    + (cause.getMessage() == null ? "connection refused" : cause.getMessage()) + ".", cause);
        }
        return new RegistrationException("The registration with " + uri + " failed: " + cause + ".", cause);
    }

    private RegistrationException timedOut(URI uri, Throwable cause) {
        String limit = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        return new RegistrationException("The registration service at " + uri + " did not answer within " + limit
                + " (configuration trin.crypto, registrationTimeout). Nothing was written.", cause);
    }

    private static void checkStatus(HttpResponse<String> response, String username) throws RegistrationException {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new RegistrationException("The Smart platform refused the login of user " + username + " (HTTP "
                    + status + "): check the username and password.");
        }
        if (status < 200 || status > 299) {
            String reason = RegistrationJson.error(response.body()).orElseGet(() -> Excerpt.of(response.body()));
            throw new RegistrationException("The registration service answered HTTP " + status + ": " + reason);
        }
    }

    private void store(RegistrationJson.Answer answer) throws RegistrationException {
        Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(KeyFiles.KEY_FILE, new AtomicFiles.Content(answer.key(), FileModes.KEY));
        files.put(KeyFiles.CID_FILE,
                new AtomicFiles.Content((answer.cid() + "\n").getBytes(StandardCharsets.UTF_8), FileModes.CID));
        try {
            AtomicFiles.replace(keyDir, files);
        } catch (IOException | RuntimeException e) {
            throw new RegistrationException("The platform registered the device, but its key could not be written to "
                    + keyDir + " (" + e + "). Register again as a user who may write there.", e);
        }
    }

    private static String basic(String username, char[] password) {
        CharBuffer chars = CharBuffer.allocate(username.length() + 1 + password.length);
        chars.put(username).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(raw, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
