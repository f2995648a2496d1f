/**
 * How long work reports how far it has come ({@link io.cloudimage.core.progress.ProgressListener})
 * and how a caller stops it ({@link io.cloudimage.core.progress.Cancellation}). Every long
 * operation in cloudimage takes both.
 */
@NullMarked
package io.cloudimage.core.progress;

import org.jspecify.annotations.NullMarked;
