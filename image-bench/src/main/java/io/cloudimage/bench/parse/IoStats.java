package io.cloudimage.bench.parse;

/**
 * One direction's results of one fio job.
 *
 * @param ioBytes the bytes transferred
 * @param totalIos the I/Os completed
 * @param iops I/Os per second
 * @param bandwidth bytes per second
 * @param runtimeMillis how long the direction ran
 * @param completion the completion latency ({@code clat}: submission to completion)
 * @param total the total latency ({@code lat}: including submission)
 */
public record IoStats(
    long ioBytes,
    long totalIos,
    double iops,
    double bandwidth,
    long runtimeMillis,
    Latency completion,
    Latency total) {}
