package io.cloudimage.core.local;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One removal waiting in a local home's trash.
 *
 * @param id the removed image's or snapshot's id; what {@link LocalProvider#restoreFromTrash} takes
 * @param name the image's name, or null for a snapshot or when the record cannot be read
 * @param removed when it was removed
 * @param expires when {@link LocalProvider#emptyTrash()} may purge it
 */
public record TrashEntry(String id, @Nullable String name, Instant removed, Instant expires) {}
