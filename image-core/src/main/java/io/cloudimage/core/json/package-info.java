/**
 * JSON forms of the model: {@link io.cloudimage.core.json.ImageJson} writes and reads an image in
 * the shape scripts rely on (the command line's {@code images list --json}, inventory files, the
 * local provider's metadata) as text, with no JSON library's types in its signatures. The strict
 * readers, the trees and the atomic file writes behind it are in {@code
 * io.cloudimage.core.json.internal}, which is not public API.
 */
@NullMarked
package io.cloudimage.core.json;

import org.jspecify.annotations.NullMarked;
