/**
 * The embedded local provider: a directory (the "home") holding each image's disk file and JSON
 * metadata, on which every capability of cloudimage works offline. Writes are atomic (temporary
 * file, fsync, rename), writers in several processes are serialised by a file lock, and deleted
 * images wait in a recoverable trash.
 */
@NullMarked
package io.cloudimage.core.local;

import org.jspecify.annotations.NullMarked;
