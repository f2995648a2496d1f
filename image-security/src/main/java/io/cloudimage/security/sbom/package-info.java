/**
 * Software bills of materials of root filesystems: the packages that dpkg, rpm and apk installed in
 * a root folder (a mounted or extracted image), with their package URLs, sources, suppliers and
 * licences; writing CycloneDX 1.6 and SPDX 2.3 JSON, reading CycloneDX (JSON, XML) and SPDX JSON
 * that other tools made, and comparing two SBOMs.
 *
 * <p>Start at {@link io.cloudimage.security.sbom.SbomGenerator}:
 *
 * <pre>{@code
 * Sbom sbom = SbomGenerator.generate(Path.of("/mnt/image-root"));
 * Files.writeString(out, sbom.toCycloneDxJson());
 * SbomDiff diff = SbomDiff.between(Sbom.read(oldFile), sbom);
 * }</pre>
 */
@NullMarked
package io.cloudimage.security.sbom;

import org.jspecify.annotations.NullMarked;
