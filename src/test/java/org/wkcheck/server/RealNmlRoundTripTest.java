package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.Reporter;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlException;
import org.wkcheck.nml.NmlReader;

/**
 * Real NML files written by webKnossos ({@code NmlWriter.scala}), read from {@code
 * ../shared/real-data/nml} and never copied into the project: each one uploaded alone and
 * downloaded again MUST come back with exactly the same trees, nodes and edges.
 */
public class RealNmlRoundTripTest extends AnnotationTestSupport {
  private static final Path FOLDER = Path.of("..", "shared", "real-data", "nml");
  private static final String SERVER_WRITER = "<meta name=\"writer\" content=\"NmlWriter.scala\"";

  private static List<Path> serverWrittenNmls() throws IOException {
    if (!Files.isDirectory(FOLDER)) {
      throw new SkipException("no real NML files at " + FOLDER.toAbsolutePath());
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path p : files.sorted().toList()) {
        if (Files.isRegularFile(p)
            && new String(Files.readAllBytes(p), StandardCharsets.UTF_8).contains(SERVER_WRITER)) {
          out.add(p);
        }
      }
    }
    if (out.isEmpty()) {
      throw new SkipException("no server-written NML files in " + FOLDER.toAbsolutePath());
    }
    return out;
  }

  /** What differs between the uploaded and the downloaded document, or null if nothing. */
  private static String difference(Nml sent, Nml back) {
    if (sent.trees().size() != back.trees().size()) {
      return "tree count " + sent.trees().size() + " → " + back.trees().size();
    }
    for (int i = 0; i < sent.trees().size(); i++) {
      Nml.Tree a = sent.trees().get(i);
      Nml.Tree b = back.trees().get(i);
      if (!a.nodes().equals(b.nodes())) {
        for (int j = 0; j < Math.min(a.nodes().size(), b.nodes().size()); j++) {
          if (!a.nodes().get(j).equals(b.nodes().get(j))) {
            return "tree " + a.id() + " node " + a.nodes().get(j) + " → " + b.nodes().get(j);
          }
        }
        return "tree " + a.id() + " node count " + a.nodes().size() + " → " + b.nodes().size();
      }
      if (!a.edges().equals(b.edges())) {
        return "tree " + a.id() + " edges " + a.edges() + " → " + b.edges();
      }
      if (!a.equals(b)) {
        return "tree " + a.id() + " attributes " + attributes(a) + " → " + attributes(b);
      }
    }
    return null;
  }

  private static String attributes(Nml.Tree t) {
    return "{id=%d, name=%s, color=%s, groupId=%s, type=%s, isVisible=%s}"
        .formatted(t.id(), t.name(), t.color(), t.groupId(), t.type(), t.isVisible());
  }

  /** The NML of a download: the body itself, or the single NML inside a ZIP. */
  private static byte[] nmlOfDownload(Response r) {
    if (r.contentType().startsWith("application/zip")) {
      Map<String, byte[]> zip = unzip(r.asByteArray());
      List<String> nmls = nmlEntries(zip);
      assertEquals(nmls.size(), 1, "NMLs in the download: " + zip.keySet());
      return zip.get(nmls.get(0));
    }
    return r.asByteArray();
  }

  /**
   * Every server-written real NML MUST survive upload (createGroupForEachFile "false", one file)
   * and download with identical trees, nodes (ids, positions, radius, rotation, viewport,
   * magnification, bit depth, interpolation, time) and edges.
   */
  @Test
  public void serverWrittenNmlsRoundTripExactly() throws IOException {
    List<Path> files = serverWrittenNmls();
    List<String> failures = new ArrayList<>();
    int exact = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      byte[] bytes = Files.readAllBytes(file);
      Nml sent;
      try {
        sent = NmlReader.read(bytes);
      } catch (NmlException e) {
        failures.add(name + ": the test's reader cannot read it: " + e.getMessage());
        continue;
      }
      Nml.Experiment e = sent.parameters().experiment();
      boolean seeded = e != null && L4.equals(e.name()) && ORG_X.equals(e.organization());
      RequestSpecification req = uploadRequest('A', "false", files(name, bytes));
      if (!seeded) {
        req = req.multiPart("datasetName", L4);
      }
      Response up = req.post("/annotations/upload");
      if (up.statusCode() != 200) {
        failures.add(name + ": upload answered " + up.statusCode() + " " + up.asString());
        continue;
      }
      String id = json(up).path("annotation").path("id").asString();
      Response down = download('A', "Explorational", id);
      if (down.statusCode() != 200) {
        failures.add(name + ": download answered " + down.statusCode() + " " + down.asString());
        continue;
      }
      Nml back;
      try {
        back = NmlReader.read(nmlOfDownload(down));
      } catch (NmlException ex) {
        failures.add(name + ": downloaded NML unreadable: " + ex.getMessage());
        continue;
      }
      String diff = difference(sent, back);
      if (diff == null) {
        exact++;
      } else {
        failures.add(name + ": " + diff);
      }
    }
    String summary = exact + " of " + files.size() + " server-written NMLs round-trip exactly";
    Reporter.log(summary, true);
    failures.forEach(f -> Reporter.log("  " + f, true));
    assertTrue(failures.isEmpty(), summary + "; failures:\n" + String.join("\n", failures));
  }
}
