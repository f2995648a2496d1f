/**
 * The read-once, hash-many machinery behind the digest engine and the signature verifier: a reader
 * fills recycled buffers and hands each to one worker thread per consumer.
 */
@NullMarked
package io.cloudimage.security.digest.internal;

import org.jspecify.annotations.NullMarked;
