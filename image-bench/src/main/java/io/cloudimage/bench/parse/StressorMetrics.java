package io.cloudimage.bench.parse;

/**
 * One stressor's line of stress-ng's metrics.
 *
 * @param stressor the stressor, such as {@code cpu}
 * @param bogoOps the operations all its workers completed
 * @param bogoOpsPerSecondReal operations per second of wall-clock time
 * @param bogoOpsPerSecondUsrSys operations per second of user plus system CPU time
 * @param wallClockSeconds the wall-clock time
 * @param userSeconds the user CPU time
 * @param systemSeconds the system CPU time
 */
public record StressorMetrics(
    String stressor,
    double bogoOps,
    double bogoOpsPerSecondReal,
    double bogoOpsPerSecondUsrSys,
    double wallClockSeconds,
    double userSeconds,
    double systemSeconds) {}
