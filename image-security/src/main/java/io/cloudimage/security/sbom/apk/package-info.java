/** The apk database ({@code /lib/apk/db/installed}) of Alpine root folders. */
@NullMarked
package io.cloudimage.security.sbom.apk;

import org.jspecify.annotations.NullMarked;
