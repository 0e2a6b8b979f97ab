package trin.client.internal.outgoing;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.client.Event;
import trin.api.command.Reply;
import trin.client.internal.codec.PayloadCodec;
import trin.client.internal.codec.Topics;
import trin.client.internal.outbox.Outbox;
import trin.client.internal.status.Counters;

/**
 * Builds and queues everything the device publishes. QoS 1 and 2 messages go
 * through the outbox, so that none is lost while disconnected; QoS 0 ones are
 * sent if connected and otherwise dropped, as QoS 0 allows. A reply goes
 * straight to the client when nothing waits in the outbox and the in-flight
 * window has room, kept in memory until the broker confirms it (a crash loses
 * it: the platform retries a command that gets no reply); data and events are
 * always journaled, so that a crash of the gateway loses none of them.
 */
public final class Outgoing {

    private static final Logger LOG = LoggerFactory.getLogger(Outgoing.class);

    private final Topics topics;
    private final PayloadCodec codec;
    private final Outbox outbox;
    private final Publishing publishing;
    private final Stamps stamps;
    private final Counters counters;
    private volatile int defaultQos;

    public Outgoing(Topics topics, PayloadCodec codec, Outbox outbox, Publishing publishing, Stamps stamps,
            Counters counters) {
        this.topics = topics;
        this.codec = codec;
        this.outbox = outbox;
        this.publishing = publishing;
        this.stamps = stamps;
        this.counters = counters;
    }

    public void defaultQos(int defaultQos) {
        this.defaultQos = defaultQos;
    }

    public int defaultQos() {
        return defaultQos;
    }

    private long ts() {
        return stamps.now();
    }

    public void data(String pid, Object data, int qos) {
        send(topics.outbound(pid), codec.data(ts(), data), qos, false);
    }

    public void events(String pid, List<Event> events, int qos, boolean lifecycle) {
        send(topics.outbound(pid), codec.events(ts(), events), qos, lifecycle);
    }

    /** The connect event, first after connecting. */
    public void connected() {
        publishing.publishFirst(topics.outbound("0"), codec.connected(ts()), defaultQos);
    }

    /** The dump, right after the connect event and before any backlog. */
    public void dump(Object data) {
        publishing.publishFirst(topics.outbound("0"), codec.data(ts(), data), defaultQos);
    }

    public void reply(String pid, String token, Reply reply) {
        counters.replies.incrementAndGet();
        sendReply(topics.reply(pid, token), codec.reply(ts(), reply.code(), reply.result()));
    }

    public void replyToDevice(String senderUid, String senderPid, String pid, String token, Reply reply) {
        sendReply(topics.replyToDevice(senderUid, senderPid, pid, token),
                codec.reply(ts(), reply.code(), reply.result()));
    }

    public void command(String fromPid, String targetUid, String targetPid, String token, String name, List<?> args) {
        send(topics.toDevice(targetUid, targetPid, fromPid), codec.command(ts(), token, name, args), defaultQos,
                false);
    }

    private void sendReply(String topic, byte[] payload) {
        int qos = defaultQos;
        try {
            if (qos != 0 && publishing.sendNow(topic, payload, qos, true)) {
                return;
            }
        } catch (IllegalStateException e) {
            LOG.debug("Dropped a reply to {}: the client has stopped", topic);
            return;
        }
        send(topic, payload, qos, true);
    }

    private void send(String topic, byte[] payload, int qos, boolean priority) {
        if (qos == 0) {
            publishing.publishAtMostOnce(topic, payload);
            return;
        }
        try {
            outbox.add(topic, payload, qos, priority);
        } catch (IllegalStateException e) {
            LOG.debug("Dropped a message to {}: the client has stopped", topic);
            return;
        }
        publishing.flush();
    }
}
