package io.cloudimage.security.sbom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hand-made root folders under {@code src/test/resources/sbom/}, copied where tests may change
 * them.
 */
final class Roots {
  private Roots() {}

  /** The fixture folder {@code name}, such as {@code debroot}. */
  static Path fixture(String name) {
    URL url = Roots.class.getResource("/sbom/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name + " under src/test/resources/sbom");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the fixture folder {@code name} in {@code dir}. */
  static Path copy(String name, Path dir) {
    Path from = fixture(name);
    Path to = dir.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  /** An rpm package header with the given string tags (tag, value pairs) and an epoch. */
  static byte[] rpmHeader(Integer epoch, Object... tagsAndValues) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    List<int[]> index = new ArrayList<>();
    if (epoch != null) {
      index.add(new int[] {1003, 4, 0, 1});
      data.writeBytes(ByteBuffer.allocate(4).putInt(epoch).array());
    }
    for (int i = 0; i < tagsAndValues.length; i += 2) {
      int tag = (Integer) tagsAndValues[i];
      Object v = tagsAndValues[i + 1];
      if (v instanceof Integer n) {
        while (data.size() % 4 != 0) {
          data.write(0);
        }
        index.add(new int[] {tag, 4, data.size(), 1});
        data.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
      } else {
        index.add(new int[] {tag, 6, data.size(), 1});
        data.writeBytes(((String) v).getBytes(StandardCharsets.UTF_8));
        data.write(0);
      }
    }
    ByteBuffer b = ByteBuffer.allocate(8 + 16 * index.size() + data.size());
    b.putInt(index.size()).putInt(data.size());
    for (int[] e : index) {
      b.putInt(e[0]).putInt(e[1]).putInt(e[2]).putInt(e[3]);
    }
    b.put(data.toByteArray());
    return b.array();
  }

  /** Writes an rpmdb.sqlite with the rpm Packages table holding {@code headers}. */
  static void rpmDatabase(Path db, List<byte[]> headers) {
    try {
      Files.createDirectories(db.getParent());
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
          for (byte[] h : headers) {
            ps.setBytes(1, h);
            ps.executeUpdate();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
