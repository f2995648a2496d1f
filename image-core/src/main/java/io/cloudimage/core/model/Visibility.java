package io.cloudimage.core.model;

/** Who may launch the image. */
public enum Visibility {
  PRIVATE,
  SHARED,
  PUBLIC
}
