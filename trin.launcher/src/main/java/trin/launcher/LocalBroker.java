package trin.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LOCAL development broker (trin.devbroker: Moquette checking Smart passwords), started only
 * for the LOCAL set-up, outside the OSGi framework (Moquette is not a bundle).
 *
 * <p>It is not on the launcher's class path: its jars (trin.devbroker, Moquette, Netty) are in
 * {@code lib/devbroker/}, put on a class loader of their own here, so that a gateway on the Smart
 * platform never loads them. The entry point, {@value #ENTRY}, is called reflectively with JDK
 * types only ({@code start(Path keyDir, int port)}, an {@link AutoCloseable} back); SLF4J comes
 * from the launcher's class path, the parent loader.
 */
final class LocalBroker implements AutoCloseable {

    static final String ENTRY = "trin.devbroker.LocalDevelopmentBroker";

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);

    private final URLClassLoader loader;
    private final AutoCloseable broker;

    private LocalBroker(URLClassLoader loader, AutoCloseable broker) {
        this.loader = loader;
        this.broker = broker;
    }

    /**
     * Provisions the development identity if it is missing, and starts the broker.
     *
     * @throws LauncherException when the port is taken, the key cannot be written, or lib/devbroker/ is missing
     */
    static LocalBroker start(Home home, int port) {
        checkFree(port);
        URLClassLoader loader = new URLClassLoader("trin-devbroker", urls(home.devBrokerLib()),
                LocalBroker.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // Netty's threads and look-ups start from here
        try {
            Method start = loader.loadClass(ENTRY).getMethod("start", Path.class, int.class);
            AutoCloseable broker = (AutoCloseable) start.invoke(null, home.localKeyDir(), port);
            return new LocalBroker(loader, broker);
        } catch (InvocationTargetException e) {
            closeQuietly(loader);
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw new LauncherException("Cannot provision the LOCAL development key in " + home.localKeyDir()
                        + ": " + io.getCause(), io);
            }
            if (cause instanceof IllegalStateException) {
                throw portTaken(port, cause);
            }
            throw new LauncherException("The LOCAL development broker did not start: " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            closeQuietly(loader);
            throw new LauncherException("The LOCAL development broker in " + home.devBrokerLib()
                    + " cannot be used (" + e + "): reinstall trin", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } catch (Exception e) {
            LOG.warn("Stopping the LOCAL development broker failed: {}", e.toString());
        }
        closeQuietly(loader);
    }

    private static URL[] urls(Path dir) {
        List<URL> urls = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                urls.add(jar.toUri().toURL());
            }
        } catch (NoSuchFileException e) {
            // reported below
        } catch (IOException e) {
            throw new LauncherException("Cannot list " + dir + ": " + e, e);
        }
        if (urls.isEmpty()) {
            throw new LauncherException("The configuration selects the LOCAL development set-up, but its broker is "
                    + "not installed: no jars in " + dir + ". Reinstall trin, or point conf/ at a broker (see the "
                    + "docs/gateway.md, \"Using the Smart platform\").");
        }
        return urls.toArray(new URL[0]);
    }

    /** Fails at once with a clear message, rather than after Moquette's retries. */
    private static void checkFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        } catch (BindException e) {
            throw portTaken(port, e);
        } catch (IOException e) {
            throw new LauncherException("Cannot open port " + port + " on 127.0.0.1 for the LOCAL development broker: "
                    + e.getMessage(), e);
        }
    }

    private static LauncherException portTaken(int port, Throwable cause) {
        return new LauncherException("The LOCAL development broker cannot listen on 127.0.0.1:" + port
                + ": the port is taken, perhaps by a Mosquitto service (sudo systemctl stop mosquitto) or another "
                + "trin. Or choose another port: port=... in conf/trin.client.cfg.", cause);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("Closing the LOCAL development broker's class loader: {}", e.toString());
        }
    }
}
