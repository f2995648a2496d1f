/**
 * JSON forms of the model: {@link io.cloudimage.core.json.ImageJson} writes and reads an image in
 * the shape scripts rely on (the command line's {@code images list --json}, inventory files, the
 * local provider's metadata), and {@link io.cloudimage.core.json.JsonFiles} writes files
 * atomically.
 */
@NullMarked
package io.cloudimage.core.json;

import org.jspecify.annotations.NullMarked;
