/**
 * The cloudimage security module: OpenPGP signatures and keyrings, checksum manifests and digests,
 * software bills of materials of root filesystems and the hygiene scan before publishing.
 *
 * <p>The {@code *.internal} packages, which hold the BouncyCastle glue, are not exported, and no
 * exported signature names a BouncyCastle or Jackson type, so neither is re-exported.
 */
module io.cloudimage.security {
  // Exported signatures use the core's errors, progress and output types.
  requires transitive io.cloudimage.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires java.sql;
  requires java.xml;
  requires org.xerial.sqlitejdbc;
  requires org.bouncycastle.pg;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;

  exports io.cloudimage.security.checksum;
  exports io.cloudimage.security.digest;
  exports io.cloudimage.security.pgp;
  exports io.cloudimage.security.sbom;
  exports io.cloudimage.security.sbom.version;
  exports io.cloudimage.security.sbom.policy;
  exports io.cloudimage.security.scan;
}
