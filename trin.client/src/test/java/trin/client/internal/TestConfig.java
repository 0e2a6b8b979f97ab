package trin.client.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A component configuration as DS would give it: the given values, and each attribute's default for the rest. */
final class TestConfig {

    private TestConfig() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return values.hashCode();
                case "equals":
                    return p == args[0];
                default:
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
            }
        });
        return type.cast(proxy);
    }
}
