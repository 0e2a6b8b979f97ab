package trin.api.health;

/** How much a health report holds. */
public enum Detail {
    /** The periodic report: a few cheap values. */
    BASIC,
    /** The report on connect and on request: everything. */
    FULL
}
