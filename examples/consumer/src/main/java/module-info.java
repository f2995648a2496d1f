/** A consumer of cloudimage: reads only the library modules, as an application would. */
module io.cloudimage.consumer {
  requires io.cloudimage.core;
  requires io.cloudimage.security;
}
