/**
 * The domain model: what a cloud server system image is ({@link io.cloudimage.core.model.Image}
 * with its devices, network state, filesystems, layers and tags) and the tier it is stored on
 * ({@link io.cloudimage.core.model.StorageTier}); what a tier costs is in {@link
 * io.cloudimage.core.pricing}. Every type is immutable; {@code build()} and the record constructors
 * validate and name the field that is wrong.
 */
@NullMarked
package io.cloudimage.core.model;

import org.jspecify.annotations.NullMarked;
