package trin.api.command;

/**
 * The answer to a command: a result code and an optional result.
 *
 * <p>Code 0 means success. Codes between -200 and 200 are reserved for the
 * protocol ({@link ResultCode}); applications report their own failures with
 * codes outside that range. A result that is not {@code null} is always sent,
 * including {@code 0}, {@code ""} and empty lists.
 *
 * @param code the result code
 * @param result any JSON value as a plain Java object, or {@code null} for none
 */
public record Reply(int code, Object result) {

    /**
     * A success with a result.
     *
     * @param result the result, or {@code null} for none
     * @return a reply with code 0
     */
    public static Reply ok(Object result) {
        return new Reply(ResultCode.SUCCESS.code(), result);
    }

    /**
     * A failure with the protocol's text {@code "NAC <reason>"}.
     *
     * @param code the failure code: a negative {@link ResultCode}'s, or an
     *        application's own outside -200..200
     * @param reason why it failed, for a person to read
     * @return the reply
     */
    public static Reply failure(int code, String reason) {
        return new Reply(code, "NAC " + reason);
    }

    /**
     * The answer to a command the application does not know.
     *
     * @return a reply with {@link ResultCode#F_NO_RPC}
     */
    public static Reply unknownCommand() {
        return new Reply(ResultCode.F_NO_RPC.code(), "RPC Not implemented");
    }

    /**
     * Whether this reply reports success.
     *
     * @return {@code true} when the code is 0
     */
    public boolean isSuccess() {
        return code == ResultCode.SUCCESS.code();
    }
}
