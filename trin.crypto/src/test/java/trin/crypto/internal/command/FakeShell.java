package trin.crypto.internal.command;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;

/** A Gogo session holding only variables, and a JLine-like reader for it. */
final class FakeShell {

    /** Has JLine's {@code readLine(String, Character)}: what {@code .reader} holds in Gogo. */
    public static final class LineReader {

        private final String typed;
        String prompt;
        Character mask;

        LineReader(String typed) {
            this.typed = typed;
        }

        public String readLine(String prompt, Character mask) {
            this.prompt = prompt;
            this.mask = mask;
            if (typed == null) {
                throw new IllegalStateException("UserInterruptException: ^C");
            }
            return typed;
        }
    }

    private FakeShell() {
    }

    static CommandSession session(Map<String, Object> variables) {
        Map<String, Object> copy = new HashMap<>(variables);
        return (CommandSession) Proxy.newProxyInstance(FakeShell.class.getClassLoader(),
                new Class<?>[] {CommandSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return copy.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
