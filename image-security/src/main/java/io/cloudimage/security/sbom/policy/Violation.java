package io.cloudimage.security.sbom.policy;

/**
 * One broken rule.
 *
 * @param rule which rule: {@code denied}, {@code minimum-version}, {@code license-denied}, {@code
 *     license-not-allowed} or {@code max-age}
 * @param component the package's key, such as {@code deb:openssl:amd64}
 * @param reason a sentence for people, with the values involved
 */
public record Violation(String rule, String component, String reason) {}
