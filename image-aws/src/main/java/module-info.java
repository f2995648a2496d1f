/**
 * The Amazon Web Services provider of cloudimage.
 *
 * <p>The module holds no classes yet: it declares its name and its reading of the core so that it
 * can be put on the module path today, and it will export its package and provide an {@code
 * io.cloudimage.core.client.ImageProviderFactory} when the provider lands. The AWS SDK stays an
 * optional dependency until then, so it is not required here.
 */
module io.cloudimage.aws {
  requires transitive io.cloudimage.core;
}
