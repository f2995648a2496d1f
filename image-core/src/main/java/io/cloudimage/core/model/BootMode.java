package io.cloudimage.core.model;

/** How firmware starts the image. */
public enum BootMode {
  BIOS,
  UEFI,
  UEFI_PREFERRED
}
