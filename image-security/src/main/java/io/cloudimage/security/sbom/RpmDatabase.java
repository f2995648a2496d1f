package io.cloudimage.security.sbom;

import io.cloudimage.core.error.CorruptDataException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The packages in the rpm database of a root folder: {@code rpmdb.sqlite} in {@code
 * /usr/lib/sysimage/rpm} or {@code /var/lib/rpm}, opened read-only. The older Berkeley DB and ndb
 * databases are not read; finding only those gives a warning. {@code gpg-pubkey} entries are the
 * imported signing keys, not packages, and are left out.
 */
final class RpmDatabase {
  private static final String[] PLACES = {
    "/usr/lib/sysimage/rpm/rpmdb.sqlite", "/var/lib/rpm/rpmdb.sqlite"
  };

  private RpmDatabase() {}

  /** The installed packages; empty when the root has no rpm database. */
  public static List<Component> read(RootFolder root, OsRelease os, Consumer<String> warnings) {
    Path db = null;
    String guest = "";
    for (String place : PLACES) {
      db = root.file(place, warnings);
      if (db != null) {
        guest = place;
        break;
      }
    }
    if (db == null) {
      if (root.file("/var/lib/rpm/Packages", warnings) != null
          || root.file("/var/lib/rpm/Packages.db", warnings) != null) {
        warnings.accept(
            "/var/lib/rpm holds a Berkeley DB or ndb rpm database, which is not read; rebuild it"
                + " as rpmdb.sqlite (rpmdb --rebuilddb on rpm >= 4.16) to list its packages");
      }
      return List.of();
    }
    return readDatabase(db, guest, os);
  }

  /** The packages in the rpm sqlite database {@code db}. */
  static List<Component> readDatabase(Path db, String guest, OsRelease os) {
    Properties props = new Properties();
    // SQLITE_OPEN_READONLY: the image's database is evidence, never to be changed.
    props.setProperty("open_mode", "1");
    List<Component> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, props);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
      while (rs.next()) {
        long hnum = rs.getLong(1);
        byte[] blob = rs.getBytes(2);
        if (blob == null) {
          continue;
        }
        RpmHeader h = RpmHeader.parse(blob, guest + " package " + hnum);
        Component comp = component(h, os);
        if (comp != null) {
          out.add(comp);
        }
      }
    } catch (SQLException e) {
      throw new CorruptDataException(
          db, -1, guest + " is not a readable rpm sqlite database (" + e.getMessage() + ")", e);
    }
    return out;
  }

  private static @Nullable Component component(RpmHeader h, OsRelease os) {
    String name = h.string(RpmHeader.NAME);
    String version = h.string(RpmHeader.VERSION);
    String release = h.string(RpmHeader.RELEASE);
    if (name == null || version == null || name.equals("gpg-pubkey")) {
      return null;
    }
    Long epoch = h.int32(RpmHeader.EPOCH);
    String evr = version + (release == null ? "" : "-" + release);
    String arch = h.string(RpmHeader.ARCH);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("arch", arch == null ? "" : arch);
    String distro = os.distro();
    if (distro != null) {
      q.put("distro", distro);
    }
    if (epoch != null) {
      q.put("epoch", Long.toString(epoch));
    }
    String vendor = os.id() == null ? null : os.id();
    String source = h.string(RpmHeader.SOURCERPM);
    String sourceName = null;
    String sourceVersion = null;
    if (source != null && source.endsWith(".src.rpm")) {
      String base = source.substring(0, source.length() - ".src.rpm".length());
      int rel = base.lastIndexOf('-');
      int ver = rel > 0 ? base.lastIndexOf('-', rel - 1) : -1;
      if (ver > 0) {
        sourceName = base.substring(0, ver);
        sourceVersion = base.substring(ver + 1);
      }
    }
    String supplier = h.string(RpmHeader.VENDOR);
    if (supplier == null) {
      supplier = h.string(RpmHeader.PACKAGER);
    }
    String license = h.string(RpmHeader.LICENSE);
    Long installed = h.int32(RpmHeader.INSTALLTIME);
    return new Component(
        Ecosystem.RPM,
        name,
        (epoch == null ? "" : epoch + ":") + evr,
        arch == null ? "" : arch,
        sourceName == null || sourceName.equals(name) ? null : sourceName,
        sourceVersion == null || sourceVersion.equals(evr) ? null : sourceVersion,
        supplier,
        license == null || license.isBlank() ? List.of() : List.of(license),
        PackageUrl.of("rpm", vendor, name, evr, q),
        installed == null ? null : Instant.ofEpochSecond(installed));
  }
}
