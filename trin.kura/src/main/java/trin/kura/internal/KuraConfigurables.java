package trin.kura.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers each trin configuration PID, and each application's, to Kura as a {@link ConfigurableComponent},
 * for as long as an active bundle describes it.
 *
 * <p>Kura's configuration service lists a configuration in its web UI when three things meet: a
 * {@code ConfigurableComponent} service with {@code service.pid} and {@code kura.service.pid}, and, in
 * some active bundle, {@code OSGI-INF/metatype/<pid>.xml} whose OCD id is the PID. trin's bundles and
 * applications carry the metatype; their components stay plain DS components that know nothing of Kura.
 * This component registers the marker service for each PID of an active bundle that
 *
 * <ul>
 * <li>imports a {@code trin.api} package (trin's bundles, every application), or is trin.kura itself,</li>
 * <li>does not import {@code org.eclipse.kura.configuration} (a bundle that knows Kura registers its own
 * ConfigurableComponents, as Kura's do),</li>
 * </ul>
 *
 * and whose OCD id is the configuration PID of one of the bundle's components
 * ({@link ConfigurationPids}); and for the PIDs listed in {@code pids} that an active bundle describes.
 * A bundle that is not there does not show up as an empty form. An edit in Kura's UI is a
 * ConfigurationAdmin update of the {@code service.pid}, which SCR hands to the component as for any
 * other update.
 */
@Component(service = {}, configurationPid = KuraConfigurables.PID)
@Designate(ocd = KuraConfiguration.class)
public final class KuraConfigurables {

    static final String PID = "trin.kura";
    /** Kura's {@code ConfigurationService.KURA_SERVICE_PID}. */
    static final String KURA_SERVICE_PID = "kura.service.pid";
    static final String METATYPE = "OSGI-INF/metatype/";
    /** Applications and trin's bundles import its packages. */
    static final String TRIN_API = "trin.api";
    /** Bundles that import it register their own ConfigurableComponents. */
    static final String KURA_CONFIGURATION = "org.eclipse.kura.configuration";
    private static final Logger LOG = LoggerFactory.getLogger(KuraConfigurables.class);

    private final BundleTracker<List<ServiceRegistration<ConfigurableComponent>>> tracker;

    @Activate
    public KuraConfigurables(BundleContext context, KuraConfiguration config) {
        Set<String> pids = new LinkedHashSet<>(List.of(config.pids()));
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, new Registrar(context, pids));
        LOG.debug("Offering to Kura the configurations of active bundles that import trin.api, and {}", pids);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** Registers the marker services of a bundle when it becomes active, and unregisters them when it stops. */
    private static final class Registrar
            implements BundleTrackerCustomizer<List<ServiceRegistration<ConfigurableComponent>>> {

        private final BundleContext context;
        private final Set<String> pids;

        Registrar(BundleContext context, Set<String> pids) {
            this.context = context;
            this.pids = pids;
        }

        @Override
        public List<ServiceRegistration<ConfigurableComponent>> addingBundle(Bundle bundle, BundleEvent event) {
            Set<String> offered = new LinkedHashSet<>();
            if (bundle.getBundleId() == context.getBundle().getBundleId()
                    || imports(bundle, TRIN_API) && !imports(bundle, KURA_CONFIGURATION)) {
                offered.addAll(ConfigurationPids.of(bundle));
            }
            for (String pid : pids) {
                if (bundle.getEntry(METATYPE + pid + ".xml") != null) {
                    offered.add(pid);
                }
            }
            List<ServiceRegistration<ConfigurableComponent>> registrations = new ArrayList<>();
            for (String pid : offered) {
                registrations.add(context.registerService(ConfigurableComponent.class, new Configurable(),
                        properties(pid)));
                LOG.info("Configuration {} of {} offered to Kura", pid, bundle.getSymbolicName());
            }
            // null: the tracker does not follow bundles without one of our PIDs
            return registrations.isEmpty() ? null : registrations;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event,
                List<ServiceRegistration<ConfigurableComponent>> registrations) {
            // the entries of an active bundle do not change
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event,
                List<ServiceRegistration<ConfigurableComponent>> registrations) {
            for (ServiceRegistration<ConfigurableComponent> registration : registrations) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // trin.kura is stopping: the framework unregisters its services itself
                }
            }
            LOG.debug("Configurations of {} withdrawn from Kura", bundle.getSymbolicName());
        }

        /** Whether the bundle's Import-Package names a package of that prefix. */
        private static boolean imports(Bundle bundle, String prefix) {
            String imports = bundle.getHeaders("").get(Constants.IMPORT_PACKAGE);
            if (imports == null) {
                return false;
            }
            for (String clause : imports.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String name = clause.split(";")[0].trim();
                if (name.equals(prefix) || name.startsWith(prefix + ".")) {
                    return true;
                }
            }
            return false;
        }

        private static Dictionary<String, Object> properties(String pid) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_PID, pid);
            properties.put(KURA_SERVICE_PID, pid);
            properties.put(Constants.SERVICE_DESCRIPTION, "trin configuration " + pid + " for Kura's web UI");
            return properties;
        }
    }

    /** The marker Kura looks for ({@code instanceof ConfigurableComponent}); one object per PID. */
    private static final class Configurable implements ConfigurableComponent {
    }
}
