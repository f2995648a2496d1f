/** The module and package rules of the design, checked on the compiled classes of every module. */
@NullMarked
package io.cloudimage.examples.arch;

import org.jspecify.annotations.NullMarked;
