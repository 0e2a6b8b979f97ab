package trin.testkit;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Component configurations as Declarative Services gives them, for tests that
 * construct components directly: the given values, and each attribute's
 * default for the rest.
 */
public final class Configurations {

    private Configurations() {
    }

    /**
     * A configuration of the given annotation type.
     *
     * @param type the component's {@code @ObjectClassDefinition} annotation type
     * @param values attribute values by attribute (method) name
     */
    public static <A> A of(Class<A> type, Map<String, ?> values) {
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
