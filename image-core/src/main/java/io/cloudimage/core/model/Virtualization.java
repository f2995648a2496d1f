package io.cloudimage.core.model;

/** How the hypervisor runs the image. */
public enum Virtualization {
  HVM,
  PARAVIRTUAL
}
