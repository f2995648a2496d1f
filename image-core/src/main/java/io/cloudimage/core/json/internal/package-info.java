/**
 * The one strict way cloudimage reads JSON and YAML: duplicate keys refused, nesting, string,
 * number and name lengths bounded, and every failure an {@link
 * io.cloudimage.core.error.InvalidInputException} naming the source, the line and the key. Not part
 * of the public API: its signatures name Jackson types and may change in any release.
 */
@NullMarked
package io.cloudimage.core.json.internal;

import org.jspecify.annotations.NullMarked;
