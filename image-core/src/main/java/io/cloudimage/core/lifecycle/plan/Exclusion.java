package io.cloudimage.core.lifecycle.plan;

/** Why a resource is held back from every action that changes it. */
enum Exclusion {
  KEEP_TAG,
  IN_USE,
  SHARED,
  PROTECTED,
  MIN_RETENTION,
  NEWEST_OF_FAMILY,
  BACKS_IMAGE,
  UNPROVEN
}
