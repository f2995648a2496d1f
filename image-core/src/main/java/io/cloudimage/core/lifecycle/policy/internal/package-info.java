/**
 * The JSON form of a rule's conditions, shared by the policy reader and the plan file. Not
 * exported: its signatures name Jackson types.
 */
@NullMarked
package io.cloudimage.core.lifecycle.policy.internal;

import org.jspecify.annotations.NullMarked;
