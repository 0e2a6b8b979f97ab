/**
 * The application ${appId}: start with {@link ${package}.Application}. Nothing here is exported: an
 * application bundle uses the services of {@code trin.api} and offers its own.
 */
package ${package};
