package trin.hw.raspberrypi.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** A BundleContext stand-in that only records service registrations. */
final class RecordingBundleContext {

    static final class Registration {
        final Object clazz;
        final Object service;
        final Dictionary<?, ?> properties;
        boolean unregistered;

        Registration(Object clazz, Object service, Dictionary<?, ?> properties) {
            this.clazz = clazz;
            this.service = service;
            this.properties = properties;
        }
    }

    final List<Registration> registrations = new ArrayList<>();

    BundleContext context() {
        return proxy(BundleContext.class, (method, args) -> {
            if (!method.equals("registerService")) {
                throw new UnsupportedOperationException(method);
            }
            Registration registration = new Registration(args[0], args[1], (Dictionary<?, ?>) args[2]);
            registrations.add(registration);
            return proxy(ServiceRegistration.class, (m, a) -> {
                if (!m.equals("unregister")) {
                    throw new UnsupportedOperationException(m);
                }
                if (registration.unregistered) {
                    throw new IllegalStateException("already unregistered");
                }
                registration.unregistered = true;
                return null;
            });
        });
    }

    private interface Handler {
        Object invoke(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> handler.invoke(method.getName(), args)));
    }
}
