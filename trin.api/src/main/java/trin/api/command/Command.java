package trin.api.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A command received by the gateway.
 *
 * <p>Arguments are JSON values as plain Java objects: {@code String},
 * {@code Boolean}, a {@code Number} ({@code Integer}, {@code Long},
 * {@code BigInteger} for integers, {@code Double} or {@code BigDecimal} for
 * others), {@code List<Object>}, {@code Map<String, Object>}, or
 * {@code null}.
 *
 * @param pid the application the command was sent to
 * @param name the command's name
 * @param args the arguments after the name, possibly empty; unmodifiable
 * @param token the sender's transaction token, empty when no reply is wanted
 * @param sender the UID of the sender; the server is
 *        {@value #SERVER}
 * @param senderPid the sender's application, empty when the topic names none
 * @param timestamp the sender's time stamp in Unix seconds, 0 when it sent none
 *        or one that is not an integer
 */
public record Command(String pid, String name, List<Object> args, Optional<String> token,
        String sender, Optional<String> senderPid, long timestamp) {

    /** The UID of the Smart platform itself. */
    public static final String SERVER = "000000000000000";

    /** Checks the fields and copies the arguments. */
    public Command {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderPid, "senderPid");
        args = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(args, "args")));
    }

    /**
     * Whether the command came from the Smart platform.
     *
     * @return {@code true} when the sender is {@value #SERVER}
     */
    public boolean fromServer() {
        return SERVER.equals(sender);
    }

    /**
     * The argument at a position.
     *
     * @param index the position, from 0
     * @return the argument, or empty when there is none or it is JSON null
     */
    public Optional<Object> arg(int index) {
        return index < args.size() ? Optional.ofNullable(args.get(index)) : Optional.empty();
    }
}
