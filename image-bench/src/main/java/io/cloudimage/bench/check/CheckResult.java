package io.cloudimage.bench.check;

import java.time.Duration;

/**
 * The answer of one check.
 *
 * @param kind the kind of check: {@code http}, {@code tcp}, {@code mysql}
 * @param target what was checked: a URL or {@code host:port}
 * @param passed whether the check passed
 * @param latency how long the answer took (connect, or the whole request)
 * @param detail what was seen, or why it failed, for a person
 */
public record CheckResult(
    String kind, String target, boolean passed, Duration latency, String detail) {}
