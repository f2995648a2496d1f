/** SPDX 2.3 JSON documents: writing, and reading those that any tool made. */
@NullMarked
package io.cloudimage.security.sbom.spdx;

import org.jspecify.annotations.NullMarked;
