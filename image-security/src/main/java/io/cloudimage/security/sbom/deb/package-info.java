/** The dpkg database of a root folder and the DEP-5 copyright files Debian packages ship. */
@NullMarked
package io.cloudimage.security.sbom.deb;

import org.jspecify.annotations.NullMarked;
