package io.cloudimage.core.journal;

/**
 * Where a journal ends: how many records its file holds and the hash of the last one. Kept in the
 * journal's {@value Journal#HEAD_FILE} (replaced atomically after every append), quoted by seals,
 * and worth keeping elsewhere as an anchor ({@code journal verify --expect-head}).
 *
 * @param records the number of records (lines) in the journal file
 * @param lastHash the hash of the last record, or {@link Journal#GENESIS} when there is none
 */
public record Head(long records, String lastHash) {}
