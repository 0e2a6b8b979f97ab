package trin.api.health;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes data to the gateway's health reports.
 *
 * <p>Implemented by trin's hardware and health bundles, and by any application
 * that wants to report on the equipment attached to the gateway (a sensor's
 * last reading, whether it answers). Register it as an OSGi service; its data
 * is in every report while the service is registered.
 *
 * <p>An application's reporter contributes one key to a report, its
 * {@link #name()}, holding the map it returns. A reporter registered with
 * {@value #SCOPE}={@value #SCOPE_SYSTEM} contributes its map's entries as
 * top-level keys instead ({@code cpu_tmp}, {@code mem}, ...); when two give
 * the same key, the one with the higher service ranking wins.
 *
 * <p>A reporter that throws, or takes longer than the client's configured
 * timeout, is left out of that report and its error is noted; the others
 * still report. It is called from the client's own threads, one report at a
 * time.
 */
@ConsumerType
public interface HealthReporter {

    /**
     * Service property: {@value #SCOPE_SYSTEM} for a reporter whose keys go
     * to the top level of a report, {@value #SCOPE_APPLICATION} (the default)
     * for one whose data goes under its name.
     */
    String SCOPE = "trin.health.scope";

    /** Value of {@link #SCOPE} for trin's own reporters of the machine's health. */
    String SCOPE_SYSTEM = "system";

    /** Value of {@link #SCOPE} for an application's reporter. */
    String SCOPE_APPLICATION = "application";

    /**
     * The reporter's name: the key of its data in a report, for an
     * application's reporter; in log lines for any.
     *
     * @return a short, stable name such as {@code "door_sensor"}
     */
    String name();

    /**
     * Collects the data for one report.
     *
     * <p>Values are JSON values as plain Java objects. A value that cannot be
     * read on this machine is left out of the map; the rest is still returned.
     *
     * @param detail how much the report holds
     * @return the data, possibly empty, never {@code null}
     * @throws Exception when nothing could be collected
     */
    Map<String, Object> report(Detail detail) throws Exception;
}
