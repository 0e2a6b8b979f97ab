package trin.apptest;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Component configurations as Declarative Services gives them, for unit tests that construct a
 * component directly: the given values, and each attribute's default for the rest.
 *
 * <pre>
 * MyConfiguration config = Configurations.of(MyConfiguration.class, Map.of("eventCode", 1001));
 * </pre>
 */
public final class Configurations {

    private Configurations() {
    }

    /**
     * A configuration of the given annotation type.
     *
     * @param <A> the configuration type
     * @param type the component's {@code @ObjectClassDefinition} annotation type
     * @param values attribute values by attribute (method) name
     * @return the configuration
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
