package io.cloudimage.security.scan;

/** How bad a finding is, worst first. */
public enum Severity {
  /** A secret that gives access to something: a private key, a credential, a root password. */
  CRITICAL,
  /** Shared identity or access across every instance: host keys, authorized keys, setuid. */
  HIGH,
  /** State of the machine the image was made on: histories, machine id, cloud-init state. */
  MEDIUM,
  /** Worth a look. */
  LOW
}
