/**
 * The cloudimage core: the image model, the local provider, the journal, selection, lifecycle plans
 * and their executor.
 *
 * <p>Every package is exported except {@code io.cloudimage.core.json.internal} and its subpackages,
 * which hold the strict JSON reader and writer behind the public types, and the disk-format readers
 * and writers ({@code format.internal}, {@code format.qcow2}, {@code format.vmdk}, {@code
 * format.vhd}, {@code format.vhdx}, {@code format.ova}) behind {@code format.image.DiskImages}.
 * Jackson, commons-compress, zstd-jni, xz and SLF4J are read but not re-exported: no exported
 * signature names them. Providers are found through {@link java.util.ServiceLoader} by their {@link
 * io.cloudimage.core.client.ImageProviderFactory}; this module provides the local one.
 */
module io.cloudimage.core {
  // Nullness annotations appear on exported signatures, so consumers need to read them.
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires org.apache.commons.compress;
  requires org.slf4j;
  requires com.github.luben.zstd_jni;
  requires org.tukaani.xz;

  exports io.cloudimage.core.blockstore;
  exports io.cloudimage.core.catalog;
  exports io.cloudimage.core.client;
  exports io.cloudimage.core.cost;
  exports io.cloudimage.core.cpu;
  exports io.cloudimage.core.delta;
  exports io.cloudimage.core.error;
  exports io.cloudimage.core.format;
  exports io.cloudimage.core.format.image;
  exports io.cloudimage.core.host;
  exports io.cloudimage.core.journal;
  exports io.cloudimage.core.json;
  exports io.cloudimage.core.lifecycle;
  exports io.cloudimage.core.lifecycle.execute;
  exports io.cloudimage.core.lifecycle.plan;
  exports io.cloudimage.core.lifecycle.policy;
  exports io.cloudimage.core.local;
  exports io.cloudimage.core.model;
  exports io.cloudimage.core.model.guest;
  exports io.cloudimage.core.output;
  exports io.cloudimage.core.pricing;
  exports io.cloudimage.core.progress;
  exports io.cloudimage.core.provider;
  exports io.cloudimage.core.replication;
  exports io.cloudimage.core.select;
  exports io.cloudimage.core.spi;

  uses io.cloudimage.core.client.ImageProviderFactory;

  provides io.cloudimage.core.client.ImageProviderFactory with
      io.cloudimage.core.local.LocalProviderFactory;
}
