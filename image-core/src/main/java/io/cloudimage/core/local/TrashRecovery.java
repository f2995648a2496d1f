package io.cloudimage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudimage.core.progress.Cancellation;
import io.cloudimage.core.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crash left half done in the trash, finished or undone from each entry's write-ahead
 * description: a {@code MOVING} entry whose last file moved is sealed and any other one moved back;
 * a {@code RESTORING} entry is finished; an erasure whose image record moved in is finished, one
 * whose record had not is moved back. It never deletes a moved file, except by finishing an erasure
 * that was asked for. Callers hold the home lock.
 */
final class TrashRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(TrashRecovery.class);

  private final LocalHome home;
  private final Trash trash;

  TrashRecovery(LocalHome home) {
    this.home = home;
    this.trash = new Trash(home);
  }

  /**
   * Completes or undoes what a crash interrupted; never deletes a moved file.
   *
   * @return what it did, one line each
   */
  List<String> recover() throws IOException {
    List<String> done = new ArrayList<>();
    for (Path folder : trash.folders()) {
      JsonNode meta = Trash.readEntry(folder);
      if (meta == null) {
        if (Trash.onlyStaging(folder)) {
          trash.finish(folder);
          done.add("removed the empty trash entry " + folder.getFileName());
        }
        continue;
      }
      String state = Trash.state(meta);
      List<JsonNode> files = new ArrayList<>();
      meta.path("files").forEach(files::add);
      boolean erasure = Trash.ERASE.equals(meta.path("purpose").asText());
      JsonNode last = files.get(files.size() - 1);
      boolean allIn = Confinement.present(folder.resolve(last.path("name").asText()));
      if (erasure && (Trash.ERASING.equals(state) || ("MOVING".equals(state) && allIn))) {
        // The erasure was asked for and its record already left the listing: finish it.
        String resource = meta.path("resource").asText();
        try {
          Trash.ErasureDone e =
              trash.finishErasure(folder, ProgressListener.NONE, Cancellation.never());
          done.add(
              "finished erasing "
                  + resource
                  + " (overwrote "
                  + e.bytes()
                  + " bytes with zeros, then deleted; "
                  + (e.verification().isEmpty() ? "no disk data" : e.verification())
                  + ")");
        } catch (IOException | RuntimeException e) {
          String line =
              "could not finish erasing "
                  + resource
                  + " in "
                  + folder
                  + " ("
                  + e.getMessage()
                  + "); left as it is, see `home check`";
          LOG.warn("local home {}: {}", home.root, line);
          done.add(line);
        }
      } else if ("MOVING".equals(state)) {
        if (allIn) {
          Trash.write(folder, (ObjectNode) meta, "COMPLETE");
          done.add("finished moving " + meta.path("resource").asText() + " to the trash");
        } else {
          trash.moveBack(folder, meta, files.size());
          trash.finish(folder);
          done.add("undid the half-done removal of " + meta.path("resource").asText());
        }
      } else if ("RESTORING".equals(state)) {
        for (JsonNode f : files) {
          Path in = folder.resolve(f.path("name").asText());
          if (Confinement.present(in)) {
            Confinement.move(in, trash.origin(f));
          }
        }
        trash.finish(folder);
        done.add("finished restoring " + meta.path("resource").asText());
      }
    }
    done.forEach(line -> LOG.info("local home {}: {}", home.root, line));
    return done;
  }

  /** Entries a crash left half done, or that have no readable description. */
  List<Path> halfDone() {
    List<Path> bad = new ArrayList<>();
    for (Path folder : trash.folders()) {
      JsonNode meta = Trash.readEntry(folder);
      if (meta == null || !"COMPLETE".equals(Trash.state(meta))) {
        bad.add(folder);
      }
    }
    return bad;
  }
}
