/**
 * The machine's health from OSHI, registered as one system-scoped
 * {@code HealthReporter} ({@code SystemHealth}, configuration PID
 * {@code trin.health}, service ranking 0). Its keys are top-level keys of a
 * report; a key whose value cannot be read on this machine is left out.
 *
 * <table>
 * <caption>Report keys</caption>
 * <tr><th>Key</th><th>Basic</th><th>Full</th></tr>
 * <tr><td>{@code cpu_usg}</td><td colspan="2">CPU usage in percent (one decimal) since the previous report,
 *     over at least {@code cpuSampleMillis}: busy is all but idle and I/O wait</td></tr>
 * <tr><td>{@code cpu_tmp}</td><td colspan="2">CPU temperature in degrees Celsius (one decimal), where the
 *     machine has a sensor; a Raspberry Pi's own reporter (ranking 100) wins over this one</td></tr>
 * <tr><td>{@code mem}</td><td>{@code {percent}}</td><td>{@code {total, used, free, percent}}: bytes;
 *     free is what programs can still have without swapping (MemAvailable), used is total minus free,
 *     percent is used of total</td></tr>
 * <tr><td>{@code disk}</td><td>{@code {percent}}</td><td>{@code {total, used, free, percent}}: the root
 *     file system in bytes, as {@code df /}: free is what a user can still write, percent is used of
 *     used plus free (root's reserved blocks are in neither)</td></tr>
 * <tr><td>{@code disks}</td><td>{@code {"/data": {percent}, ...}}</td>
 *     <td>{@code {"/data": {total, used, free, percent}, ...}}: each configured {@code mountPoints} path
 *     that is there, shaped as {@code disk}; absent when none is configured or there</td></tr>
 * <tr><td>{@code load_avg}</td><td colspan="2">{@code [1 min, 5 min, 15 min]} load averages, two
 *     decimals</td></tr>
 * <tr><td>{@code uptime}</td><td colspan="2">seconds since the machine booted, an integer</td></tr>
 * <tr><td>{@code top_5_proc}</td><td>absent</td><td>{@code [[bytes, pid, name], ...]}: the 5 processes
 *     with the most resident memory, most first</td></tr>
 * </table>
 *
 * <p>The network interfaces' addresses are not here: the client reports them
 * itself, as {@code ip}.
 */
package trin.health.internal;
