package io.cloudimage.core.lifecycle;

/** What a lifecycle action acts on. */
public enum ResourceKind {
  IMAGE,
  SNAPSHOT
}
