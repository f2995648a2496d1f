/** A consumer of the cloudimage library, built and run on the module path. */
@NullMarked
package io.cloudimage.consumer;

import org.jspecify.annotations.NullMarked;
