package trin.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between a client and a broker that misbehaves as networks do:
 * it can pull the cable ({@link #cut()}), stall a link so that it accepts
 * bytes and forwards none, in both directions, as a half-open NAT mapping or
 * a broker hung behind a load balancer does ({@link #stall()}, and
 * {@link #stallNextAt} to swallow one MQTT packet of a new connection and
 * everything after it), and slow a link down, both ways ({@link #slow}) or
 * only what the client sends ({@link #slowUpstream}). Listens on
 * 127.0.0.1 on a port of its own, which stays the same across cuts.
 */
public final class Relay implements AutoCloseable {

    /** MQTT control packet types, as {@link #stallNextAt} takes them. */
    public static final int CONNECT = 1;
    public static final int PUBLISH = 3;
    public static final int SUBSCRIBE = 8;
    public static final int PINGREQ = 12;
    /** Stalls a new connection before its first byte: a TLS handshake, say, never completes. */
    public static final int FIRST_BYTE = -1;

    private final InetSocketAddress target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ServerSocket server;
    private volatile boolean refusing;
    private volatile boolean stallNew;
    private volatile Integer stallNextAt;
    private volatile long slowMillis;
    private volatile long slowUpstreamMillis;

    public Relay(int targetPort) throws IOException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    }

    public Relay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::accept, "relay-accept-" + port());
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far, stalled or not. */
    public int accepted() {
        return accepted.get();
    }

    /** Plugs the cable back in after a {@link #cut()}: connections are relayed again. */
    public void restore() {
        refusing = false;
    }

    /**
     * Pulls the cable: drops every connection, and closes new ones as soon as
     * they are made, until {@link #restore()}. The port stays bound, so that
     * nothing else on the machine can take it meanwhile.
     */
    public void cut() {
        refusing = true;
        for (Link link : links) {
            link.close();
        }
    }

    /** Drops every open connection, as a broker restart would; new ones are accepted as before. */
    public void dropConnections() {
        for (Link link : links) {
            link.close();
        }
    }

    /** Stalls every open connection and every new one: bytes are read and thrown away. */
    public void stall() {
        stallNew = true;
        for (Link link : links) {
            link.stalled = true;
        }
    }

    /**
     * New connections flow again. Stalled ones stay stalled, as a dead NAT
     * mapping does: the client has to notice and connect again.
     */
    public void pass() {
        stallNew = false;
        stallNextAt = null;
    }

    /**
     * The next new connection flows until the client sends a packet of this
     * MQTT type (or, with {@link #FIRST_BYTE}, from its first byte), then stalls
     * with that packet swallowed; later connections flow.
     */
    public void stallNextAt(int packetType) {
        stallNextAt = packetType;
    }

    /** Delays every chunk forwarded, in both directions; zero for full speed. */
    public void slow(Duration delay) {
        slowMillis = delay.toMillis();
    }

    /**
     * Delays every chunk the client sends, and only those, as an uplink slower than the downlink does (a
     * mobile link, a saturated upload): what the broker sends the client flows at full speed. Zero for full
     * speed.
     */
    public void slowUpstream(Duration delay) {
        slowUpstreamMillis = delay.toMillis();
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                accepted.incrementAndGet();
                Socket broker = new Socket();
                try {
                    broker.connect(target, 5000);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                Integer at = stallNextAt;
                stallNextAt = null;
                Link link = new Link(client, broker, stallNew ? Integer.valueOf(FIRST_BYTE) : at);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /** One relayed connection: two pumps, and what it swallows. */
    private final class Link {
        final Socket client;
        final Socket broker;
        final MqttPackets upstream;
        volatile boolean stalled;

        Link(Socket client, Socket broker, Integer stallAt) {
            this.client = client;
            this.broker = broker;
            this.upstream = stallAt == null ? null : new MqttPackets(stallAt);
            this.stalled = stallAt != null && stallAt == FIRST_BYTE;
        }

        void start() {
            pump(client, broker, true);
            pump(broker, client, false);
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0;) {
                        int forward = n;
                        if (fromClient && upstream != null && !stalled) {
                            forward = upstream.forwardable(buffer, n);
                            if (forward < n) {
                                stalled = true;
                            }
                        }
                        if (stalled && forward == n) {
                            continue;
                        }
                        long delay = slowMillis + (fromClient ? slowUpstreamMillis : 0);
                        if (delay > 0) {
                            Thread.sleep(delay);
                        }
                        if (forward > 0) {
                            out.write(buffer, 0, forward);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // a side closed, or the cable was pulled
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    close();
                }
            }, "relay-pump-" + port());
            thread.setDaemon(true);
            thread.start();
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(broker);
        }
    }

    /** Finds MQTT packet boundaries in the client's byte stream, to stall at the first packet of one type. */
    private static final class MqttPackets {
        private final int stallAt;
        private int remaining;
        private int lengthBytes = -1;
        private int length;
        private int multiplier;

        MqttPackets(int stallAt) {
            this.stallAt = stallAt;
        }

        /** How many bytes of this chunk come before the packet to stall at (all of them if it is not there). */
        int forwardable(byte[] chunk, int n) {
            if (stallAt == FIRST_BYTE) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                int b = chunk[i] & 0xFF;
                if (remaining > 0) {
                    int skip = Math.min(remaining, n - i);
                    remaining -= skip;
                    i += skip - 1;
                } else if (lengthBytes < 0) {
                    if ((b >> 4) == stallAt) {
                        return i;
                    }
                    lengthBytes = 0;
                    length = 0;
                    multiplier = 1;
                } else {
                    length += (b & 0x7F) * multiplier;
                    multiplier *= 128;
                    lengthBytes++;
                    if ((b & 0x80) == 0) {
                        remaining = length;
                        lengthBytes = -1;
                    }
                }
            }
            return n;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
