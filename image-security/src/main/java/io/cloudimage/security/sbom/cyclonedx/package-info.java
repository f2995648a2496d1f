/** CycloneDX documents: writing 1.6 JSON, reading JSON and XML that any tool made. */
@NullMarked
package io.cloudimage.security.sbom.cyclonedx;

import org.jspecify.annotations.NullMarked;
