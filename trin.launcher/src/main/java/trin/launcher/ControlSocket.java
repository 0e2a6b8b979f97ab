package trin.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code bin/trin status} reaches the running runtime: a Unix domain
 * socket in {@code data/run/} (a directory only its owner may enter; the
 * socket itself is 0600). A request is one line naming a command; the answer
 * is an exit code on the first line, then the text to print.
 */
final class ControlSocket implements AutoCloseable {

    /** The longest request, in bytes: a line naming a query, or an event with its text. */
    static final int MAX_REQUEST = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);

    /** An answer: the exit code for the tool, and what it prints. */
    record Answer(int code, String text) {

        static Answer ok(String text) {
            return new Answer(0, text);
        }

        static Answer error(String text) {
            return new Answer(1, text);
        }
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    private ControlSocket(Path path, ServerSocketChannel server, Function<String, Answer> handler) {
        this.path = path;
        this.server = server;
        this.acceptor = new Thread(() -> serve(handler), "trin-control");
        acceptor.setDaemon(true);
    }

    /** Listens on {@code path}, replacing a socket file left by a runtime that died. */
    static ControlSocket open(Path path, Function<String, Answer> handler) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        ControlSocket socket = new ControlSocket(path, server, handler);
        socket.acceptor.start();
        return socket;
    }

    /**
     * Asks the runtime listening on {@code path}.
     *
     * @return the answer, or empty when no runtime listens there
     */
    static Optional<Answer> ask(Path path, String request) throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            channel.write(StandardCharsets.UTF_8.encode(request + "\n"));
            channel.shutdownOutput();
            String text = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String first = newline < 0 ? text : text.substring(0, newline);
            try {
                return Optional.of(new Answer(Integer.parseInt(first.strip()),
                        newline < 0 ? "" : text.substring(newline + 1)));
            } catch (NumberFormatException e) {
                throw new IOException("unexpected answer from " + path + ": " + first);
            }
        } catch (ConnectException e) {
            return Optional.empty(); // a socket file left behind by a runtime that is gone
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).contains("refused")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Closing the control socket {}: {}", path, e.toString());
        }
    }

    private void serve(Function<String, Answer> handler) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                String request = readLine(Channels.newInputStream(client));
                Answer answer;
                try {
                    answer = handler.apply(request);
                } catch (RuntimeException e) {
                    LOG.warn("The control request '{}' failed", request, e);
                    answer = Answer.error("failed: " + e);
                }
                OutputStream out = Channels.newOutputStream(client);
                out.write((answer.code() + "\n" + answer.text()).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("A control connection failed: {}", e.toString());
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REQUEST);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
