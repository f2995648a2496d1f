/**
 * The model's JSON trees: images and snapshots to and from Jackson nodes, for the readers and
 * writers inside cloudimage that add or stream fields of their own (the local provider's records,
 * inventories). Not part of the public API: its signatures name Jackson types and may change in any
 * release; {@link io.cloudimage.core.json.ImageJson} is the public form.
 */
@NullMarked
package io.cloudimage.core.json.internal.model;

import org.jspecify.annotations.NullMarked;
