/** The rpm database of a root folder: {@code rpmdb.sqlite} and the package headers in it. */
@NullMarked
package io.cloudimage.security.sbom.rpm;

import org.jspecify.annotations.NullMarked;
