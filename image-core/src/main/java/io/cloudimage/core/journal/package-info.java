/**
 * The lifecycle audit journal: a directory holding an append-only file of JSON lines in which each
 * record carries the SHA-256 of the one before it, so that any edited, reordered or removed record
 * is found by {@link io.cloudimage.core.journal.Journal#verify(java.nio.file.Path)}. Records are
 * fsync'd as they are written; a line torn by a crash is cut off and the cut recorded; retention
 * cuts are themselves chained records.
 */
@NullMarked
package io.cloudimage.core.journal;

import org.jspecify.annotations.NullMarked;
