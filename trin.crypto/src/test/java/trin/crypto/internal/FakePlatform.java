package trin.crypto.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Smart auto-registration service, on 127.0.0.1 and a free port: records
 * each request and gives the answer it was told to, or none at all.
 */
final class FakePlatform implements AutoCloseable {

    public static final String PATH = "/api/device_management/mqtt_auto_reg/";

    /** One request as the server saw it; header names lower-case. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String answer = "{}";
    private volatile boolean silent;
    private volatile boolean stalling;

    public FakePlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The registration URL, with its trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public FakePlatform answers(int status, String body) {
        this.status = status;
        this.answer = body;
        return this;
    }

    public FakePlatform answersSuccess(String cid, String uid, String pkHex, String msg) {
        return answers(200, "{\"uid\": \"" + uid + "\", \"pk\": \"" + pkHex + "\", \"pid\": \"" + cid
                + "\", \"msg\": \"" + msg + "\"}");
    }

    /** Accepts the request and never answers, until closed. */
    public FakePlatform neverAnswers() {
        this.silent = true;
        return this;
    }

    /** Sends the status line and headers of a long answer, then nothing more, until closed. */
    public FakePlatform stallsAfterHeaders() {
        this.stalling = true;
        return this;
    }

    /** The next request received, waiting a little for it. */
    public Request request() throws InterruptedException {
        Request request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the platform received no request");
        }
        return request;
    }

    public boolean receivedNothing() {
        return requests.isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            if (silent) {
                closed.await();
                return;
            }
            if (stalling) {
                exchange.sendResponseHeaders(200, 1000);
                exchange.getResponseBody().flush();
                closed.await();
                return;
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
