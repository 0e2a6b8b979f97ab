package trin.client.internal.commands;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.api.command.Command;
import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.api.command.ResultCode;
import trin.client.internal.codec.Inbound;
import trin.client.internal.codec.InboundTopic;
import trin.client.internal.codec.PayloadCodec;
import trin.client.internal.codec.Topics;
import trin.client.internal.outgoing.Outgoing;
import trin.client.internal.status.Counters;

/**
 * Handles one incoming message, following "Handling an incoming message" of
 * the protocol: topic, trust, parse, route to the built-in commands or an
 * application's handler, reply. Runs on a worker thread, never on Paho's.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String CLIENT_PID = "0";
    private static final int REFUSALS_PER_WARNING = 1000;
    /** The code of a command refused because every worker is busy: a general error, nothing was run. */
    public static final int BUSY_CODE = ResultCode.F_ERROR.code();
    static final String BUSY_TEXT = "busy: every command worker is busy, try again";

    /** Who may send commands: read for every message, since it changes remotely. */
    public record Trust(Collection<String> senders, boolean emptySender) {
        boolean trusts(String sender) {
            return Command.SERVER.equals(sender) || senders.contains(sender) || sender.isEmpty() && emptySender;
        }
    }

    private final Topics topics;
    private final PayloadCodec codec;
    private final Supplier<Trust> trust;
    private final Function<String, Optional<CommandHandler>> handlers;
    private final BuiltinCommands builtins;
    private final PendingReplies pending;
    private final Outgoing outgoing;
    private final Counters counters;
    /** Commands refused because every worker was busy; a flood of them logs one warning per thousand. */
    private final AtomicLong refused = new AtomicLong();

    public Router(Topics topics, PayloadCodec codec, Supplier<Trust> trust,
            Function<String, Optional<CommandHandler>> handlers, BuiltinCommands builtins, PendingReplies pending,
            Outgoing outgoing, Counters counters) {
        this.topics = topics;
        this.codec = codec;
        this.trust = trust;
        this.handlers = handlers;
        this.builtins = builtins;
        this.pending = pending;
        this.outgoing = outgoing;
        this.counters = counters;
    }

    /** Handles a message on a worker thread: runs its command and replies. */
    public void handle(String topic, byte[] payload, boolean retained) {
        try {
            route(topic, payload, retained, false);
        } finally {
            counters.processed.incrementAndGet();
        }
    }

    /**
     * Answers a message that no worker can take (all busy, queue full) without running it: a trusted
     * command with a token gets {@link #BUSY_CODE} "NAC " {@value #BUSY_TEXT}, so the sender knows to retry;
     * everything else is treated as by {@link #handle}. Cheap (a parse and a queued reply), so it may run
     * on the thread that received the message.
     */
    public void refuseBusy(String topic, byte[] payload, boolean retained) {
        try {
            route(topic, payload, retained, true);
        } catch (RuntimeException e) {
            // This runs on Paho's callback thread, where an exception would end the connection.
            counters.errors.incrementAndGet();
            LOG.warn("Could not answer a message on {} while busy", topic, e);
        } finally {
            counters.processed.incrementAndGet();
        }
    }

    private void route(String topic, byte[] payload, boolean retained, boolean busy) {
        Optional<InboundTopic> parsed = topics.parse(topic);
        if (parsed.isEmpty()) {
            LOG.debug("Ignored a message on {}: not addressed to this device", topic);
            return;
        }
        InboundTopic in = parsed.get();
        if (in.sender().isEmpty()) {
            malformedTopic(topic, in, payload);
            return;
        }
        String sender = in.sender().get();
        if (!trust.get().trusts(sender) && !pending.expects(sender, in.ticket())) {
            LOG.debug("Dropped a message on {}: sender '{}' is not trusted", topic, sender);
            return;
        }
        if (CLIENT_PID.equals(in.pid()) && !Command.SERVER.equals(sender)) {
            LOG.debug("Dropped a message on {}: PID 0 takes commands from the server only", topic);
            return;
        }
        if (payload.length == 0) {
            LOG.debug("Ignored an empty message on {}", topic);
            return;
        }
        if (retained) {
            LOG.warn("Ignored a retained message on {}: a retained command would run again at every reconnect; "
                    + "clear it on the broker", topic);
            return;
        }
        dispatch(topic, in, sender, codec.parse(payload), busy);
    }

    private void dispatch(String topic, InboundTopic in, String sender, Inbound message, boolean busy) {
        if (message instanceof Inbound.Command c && busy) {
            counters.errors.incrementAndGet();
            long n = refused.incrementAndGet();
            if (n % REFUSALS_PER_WARNING == 1) {
                LOG.warn("Refused command {} on {} with code {}: every command worker is busy and the queue is full "
                        + "({} refused since the start; one warning per {})", c.name(), topic, BUSY_CODE, n,
                        REFUSALS_PER_WARNING);
            } else {
                LOG.debug("Refused command {} on {}: every command worker is busy", c.name(), topic);
            }
            c.token().ifPresent(token -> reply(in, sender, token, Reply.failure(BUSY_CODE, BUSY_TEXT)));
        } else if (message instanceof Inbound.Command c) {
            Command command = new Command(in.pid(), c.name(), c.args(), c.token(), sender, in.senderPid(), c.ts());
            Reply reply = run(command);
            c.token().ifPresent(token -> reply(in, sender, token, reply));
        } else if (message instanceof Inbound.Reply r) {
            if (!pending.complete(sender, in.ticket(), new Reply(r.replyCode(), r.result()))) {
                LOG.debug("Ignored a reply on {}: no command of ours is waiting for it", topic);
            }
        } else if (message instanceof Inbound.Failure f) {
            counters.errors.incrementAndGet();
            LOG.info("Malformed message on {}: code {}", topic, f.code());
            f.token().ifPresent(token -> reply(in, sender, token, new Reply(f.code(), "Error")));
        } else {
            LOG.debug("Accepted a message of type {} on {}; nothing to do", message.getClass().getSimpleName(), topic);
        }
    }

    private Reply run(Command command) {
        if (CLIENT_PID.equals(command.pid())) {
            return builtins.handle(command);
        }
        Optional<CommandHandler> handler = handlers.apply(command.pid());
        if (handler.isEmpty()) {
            counters.errors.incrementAndGet();
            return new Reply(ResultCode.F_UNKNOWN_PID.code(), "Unknown PID");
        }
        try {
            Reply reply = handler.get().handle(command);
            return reply != null ? reply : Reply.failure(ResultCode.F_EXCEPTION.code(), "the handler gave no reply");
        } catch (Exception | LinkageError e) {
            counters.errors.incrementAndGet();
            LOG.warn("The handler of {} failed on command {}", command.pid(), command.name(), e);
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return Reply.failure(ResultCode.F_EXCEPTION.code(), reason);
        }
    }

    private void malformedTopic(String topic, InboundTopic in, byte[] payload) {
        counters.errors.incrementAndGet();
        Optional<String> token = payload.length == 0 ? Optional.empty() : codec.parse(payload).token();
        LOG.info("Malformed topic {}: it has no sender level", topic);
        token.ifPresent(t -> {
            if (Topics.isValidLevel(t) && Topics.isValidLevel(in.pid())) {
                outgoing.reply(in.pid(), t, new Reply(ResultCode.F_BROKEN_TOPIC.code(), "Malformed topic"));
            }
        });
    }

    private void reply(InboundTopic in, String sender, String token, Reply reply) {
        if (!Topics.isValidLevel(token)) {
            LOG.warn("Dropped the reply to a command on PID {}: its token cannot be a topic level", in.pid());
            return;
        }
        if (!Topics.isValidLevel(in.pid())) {
            // Only a broker that lets a NUL through delivers such a topic (found by RouterFuzzTest).
            LOG.warn("Dropped the reply to a command: its PID cannot be a topic level");
            return;
        }
        outgoing.reply(in.pid(), token, reply);
        if (!Command.SERVER.equals(sender) && Topics.isValidLevel(sender) && in.senderPid().isPresent()
                && Topics.isValidLevel(in.senderPid().get())) {
            outgoing.replyToDevice(sender, in.senderPid().get(), in.pid(), token, reply);
        }
    }
}
