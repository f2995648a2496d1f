/**
 * The domain model: what a cloud server system image is ({@link io.cloudimage.core.model.Image}
 * with its devices, network state, filesystems, layers and tags), what it is stored on ({@link
 * io.cloudimage.core.model.StorageTier} and {@link io.cloudimage.core.model.TierProfile}), and what
 * it costs ({@link io.cloudimage.core.model.Money}). Every type is immutable; {@code build()} and
 * the record constructors validate and name the field that is wrong.
 */
@NullMarked
package io.cloudimage.core.model;

import org.jspecify.annotations.NullMarked;
