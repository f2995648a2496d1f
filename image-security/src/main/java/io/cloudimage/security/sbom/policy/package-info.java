/**
 * Policy gates over an SBOM: denied packages, minimum versions, licence allow and deny lists and a
 * maximum component age. A check reports every violation, not just the first.
 *
 * <pre>{@code
 * SbomPolicy policy = SbomPolicy.builder().deny("telnetd").minimumVersion("openssl", "3.0.15")
 *     .denyLicense("AGPL-3.0").maxAge(Duration.ofDays(365)).build();
 * PolicyReport report = policy.check(sbom);
 * }</pre>
 */
@NullMarked
package io.cloudimage.security.sbom.policy;

import org.jspecify.annotations.NullMarked;
