package io.cloudimage.core.journal;

import org.jspecify.annotations.Nullable;

/**
 * The result of checking a journal's hash chain.
 *
 * @param valid whether every record is intact and in order
 * @param records the number of records read
 * @param firstBadLine the 1-based line of the first bad record, or {@code 0} when valid
 * @param problem what is wrong with it, or {@code null} when valid
 * @param continuesFrom the hash a retention cut at the start continues from, or {@code null}
 * @param lastHash the hash of the last record (or of the empty chain)
 */
public record Verification(
    boolean valid,
    long records,
    long firstBadLine,
    @Nullable String problem,
    @Nullable String continuesFrom,
    String lastHash) {}
