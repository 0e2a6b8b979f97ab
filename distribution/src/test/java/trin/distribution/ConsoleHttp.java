package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Requests to the web console as a page of another site would make them
 * through the operator's browser (the operator's credentials attached, an
 * {@code Origin} and {@code Referer} of that site), or as the console's own
 * page does. Redirects are not followed: the Web Console answers a change it
 * made with 302.
 */
final class ConsoleHttp {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;
    private final String authorization;

    ConsoleHttp(int port, String user, String password) {
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
    }

    /** The console's own origin, as its pages send it. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    ConsoleHttp as(String user, String password) {
        return new ConsoleHttp(port, user, password);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** An {@code application/x-www-form-urlencoded} POST from {@code origin} (none when null), its page the referer. */
    HttpResponse<String> postForm(String path, Map<String, String> form, String origin)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        return send(from(request(path), origin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST with headers only, as trin's page sends its actions. */
    HttpResponse<String> post(String path, Map<String, String> headers, String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = from(request(path), origin);
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A {@code multipart/form-data} POST of fields and one file, as the Web Console's upload form sends it. */
    HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
            byte[] file, String origin) throws IOException, InterruptedException {
        String boundary = "----trin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        return send(from(request(path), origin).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT)
                .header("Authorization", authorization);
    }

    private static HttpRequest.Builder from(HttpRequest.Builder request, String origin) {
        if (origin != null) {
            request.header("Origin", origin).header("Referer", origin + "/page.html");
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
