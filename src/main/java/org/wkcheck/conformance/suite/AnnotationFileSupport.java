package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.contentType;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.fixtures.Archives;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.NmlSchema;
import org.wkcheck.contract.Violation;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlComparison;
import org.wkcheck.nml.NmlException;
import org.wkcheck.nml.NmlReader;
import org.wkcheck.nml.NmlWriter;
import org.wkcheck.target.Role;

/**
 * The annotation content the suite can recognise, and downloads taken apart: every tree the suite
 * writes has node positions no other tree of the run has, so it is found again in downloads
 * whatever the target does to ids, names and groups; NML files are checked against the NML schema.
 */
abstract class AnnotationFileSupport extends ConformanceTest {
  static final String ANNOTATION = "documented/annotation.json";
  static final String UPLOAD_ANSWER = "documented/upload-answer.json";
  static final String TASK = "Task";
  static final String EXPLORATIONAL = "Explorational";

  private static final NmlSchema NML_SCHEMA = Contract.documented().nmlSchema("nml/nml.xsd");
  private static final AtomicInteger TREES = new AtomicInteger();

  static String at(String typ, String id, String action) {
    return "/annotations/" + typ + "/" + id + "/" + action;
  }

  // --- recognisable content -------------------------------------------------------------------

  /**
   * A tree of three nodes at positions no other tree of this run has, named with the run's prefix.
   */
  Nml.Tree tree(int treeId, int firstNodeId) {
    int k = TREES.incrementAndGet();
    int x = 1000 + Math.floorMod(target.runId().hashCode(), 5000);
    List<Nml.Node> nodes = new ArrayList<>();
    List<Nml.Edge> edges = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int id = firstNodeId + i;
      nodes.add(
          new Nml.Node(
              id, 1.0, x, 1000 + k, 100 + i, 0.0, 0.0, 0.0, 1, 1, 8, false, 1_600_000_000_000L));
      if (i > 0) {
        edges.add(new Nml.Edge(id - 1, id));
      }
    }
    return runTree(treeId, new Nml.Color(0.2, 0.4, 0.6, 1.0), "tree", null, nodes, edges);
  }

  /**
   * A tree named {@code name} with the run's prefix, of no type and with no visibility of its own.
   */
  private Nml.Tree runTree(
      int id,
      Nml.Color color,
      String name,
      Integer groupId,
      List<Nml.Node> nodes,
      List<Nml.Edge> edges) {
    return new Nml.Tree(id, color, fixtures.name(name), groupId, null, null, nodes, edges);
  }

  /**
   * An NML on the world's dataset with every kind of skeleton detail, all recognisable: tree 1 of
   * four nodes with a branch (edges 1-2, 2-3, 2-4), in group 2 inside group 1; tree 2 of two nodes,
   * in no group; nodes that differ in every attribute (radius, rotation, viewport, magnification,
   * bit depth, interpolation, time); comments on nodes 2 and 5; a branchpoint on node 2. Values are
   * exact in 32-bit floats, and every tree is connected (webKnossos splits trees of several
   * components on upload).
   */
  Nml richNml() {
    int k = TREES.addAndGet(2);
    int x = 1000 + Math.floorMod(target.runId().hashCode(), 5000);
    List<Nml.Node> first = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      first.add(richNode(i + 1, x, 1000 + k - 1, 200 + i));
    }
    List<Nml.Node> second = List.of(richNode(5, x, 1000 + k, 200), richNode(6, x, 1000 + k, 201));
    Nml.Tree branched =
        runTree(
            1,
            new Nml.Color(0.25, 0.5, 0.75, 1.0),
            "branched",
            2,
            first,
            List.of(new Nml.Edge(1, 2), new Nml.Edge(2, 3), new Nml.Edge(2, 4)));
    Nml.Tree pair =
        runTree(
            2,
            new Nml.Color(1.0, 0.5, 0.0, 1.0),
            "pair",
            null,
            second,
            List.of(new Nml.Edge(5, 6)));
    Nml base = fixtures.nml(List.of(branched, pair));
    return new Nml(
        base.meta(),
        base.parameters(),
        base.trees(),
        List.of(new Nml.Branchpoint(2, 1_600_000_000_500L)),
        List.of(
            new Nml.Comment(2, fixtures.name("comment on the branch")),
            new Nml.Comment(5, fixtures.name("comment on the pair"))),
        List.of(
            new Nml.Group(
                1,
                fixtures.name("outer group"),
                null,
                List.of(new Nml.Group(2, fixtures.name("inner group"), null, List.of())))),
        List.of());
  }

  private static Nml.Node richNode(int id, int x, int y, int z) {
    return new Nml.Node(
        id,
        0.5 + 0.25 * id,
        x,
        y,
        z,
        10.5 * id,
        20.25 * id,
        30.0 * id,
        id % 4,
        id % 3,
        id % 2 == 0 ? 8 : 4,
        id % 2 == 0,
        1_600_000_000_000L + 1000L * id);
  }

  /**
   * Checks that a download holds exactly the expected skeleton ({@link NmlComparison}), naming the
   * first difference by its path.
   */
  static void sameSkeleton(Nml expected, Nml actual, NmlComparison.Ids ids, String title) {
    java.util.Optional<String> d = NmlComparison.firstDifference(expected, actual, ids);
    that(
        d.isEmpty(),
        title,
        "exactly the annotation's trees, nodes (every attribute), edges, comments, branchpoints"
            + " and tree groups"
            + (ids == NmlComparison.Ids.RENUMBERED
                ? " (ids may be renumbered)"
                : ", with their ids"),
        d.orElse(""));
  }

  /** An NML on the world's dataset with {@code count} fresh trees. */
  Nml nmlWithTrees(int count) {
    List<Nml.Tree> trees = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      trees.add(tree(i + 1, 3 * i + 1));
    }
    return fixtures.nml(trees);
  }

  static Set<String> positions(Nml.Tree t) {
    return t.nodes().stream()
        .map(n -> n.x() + "," + n.y() + "," + n.z())
        .collect(Collectors.toSet());
  }

  /** The tree of the document with the same node positions as the given one, or null. */
  static Nml.Tree find(Nml doc, Nml.Tree wanted) {
    Set<String> p = positions(wanted);
    return doc.trees().stream().filter(t -> positions(t).equals(p)).findFirst().orElse(null);
  }

  static boolean holds(Nml doc, Nml.Tree wanted) {
    return find(doc, wanted) != null;
  }

  static boolean anyHolds(List<Nml> docs, Nml.Tree wanted) {
    return docs.stream().anyMatch(d -> holds(d, wanted));
  }

  static String treeNames(Nml doc) {
    return doc.trees().stream()
        .map(t -> t.name() + (t.groupId() == null ? "" : " (group " + t.groupId() + ")"))
        .collect(Collectors.joining(", ", "trees [", "]"));
  }

  /** Checks that a document holds every given tree (recognised by node positions). */
  static void holdsAll(Nml doc, List<Nml.Tree> wanted, String title) {
    List<String> missing = wanted.stream().filter(t -> !holds(doc, t)).map(Nml.Tree::name).toList();
    that(
        missing.isEmpty(),
        title,
        "the trees " + wanted.stream().map(Nml.Tree::name).toList(),
        "missing " + missing + " among " + treeNames(doc));
  }

  // --- files ----------------------------------------------------------------------------------

  Response download(String typ, String id) {
    return api.as(Role.ADMIN).get(at(typ, id, "download"));
  }

  /** A downloaded file: 200 with Content-Disposition attachment and a file name; the bytes. */
  static byte[] file(Response r) {
    status(r, 200);
    String cd = r.header("Content-Disposition");
    String lower = cd == null ? "" : cd.toLowerCase(Locale.ROOT);
    that(
        lower.contains("attachment") && lower.contains("filename"),
        "Download is an attachment with a file name",
        "Content-Disposition: attachment; filename=...",
        cd == null ? "no Content-Disposition header" : cd);
    return r.asByteArray();
  }

  static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5);
  }

  /** A download that is a single NML file: an XML media type, no ZIP, valid and readable. */
  static Nml singleNml(Response r) {
    byte[] b = file(r);
    that(
        !isZip(b),
        "Download is a single NML file",
        "an NML (XML) file, not a ZIP archive",
        "a ZIP archive of " + b.length + " bytes");
    String ct = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
    that(
        ct.startsWith("application/xml") || ct.startsWith("text/xml") || ct.contains("+xml"),
        "NML download has an XML media type",
        "application/xml (or text/xml)",
        ct.isEmpty() ? "no Content-Type" : ct);
    return validNml(b, "the downloaded NML");
  }

  /**
   * The skeleton content of a task or explorative annotation as its download shows it: the NML, or
   * the NML inside the ZIP; only readability is checked here (the download tests check the rest).
   */
  Nml content(String typ, String id) {
    Response r = download(typ, id);
    status(r, 200);
    byte[] b = r.asByteArray();
    if (isZip(b)) {
      List<String> nmls = nmlEntries(unzip(b));
      that(!nmls.isEmpty(), "Download holds an NML", "an NML file in the ZIP", "none");
      b = unzip(b).get(nmls.get(0));
    }
    try {
      return NmlReader.read(b);
    } catch (NmlException e) {
      that(false, "NML is readable", "the downloaded annotation readable as NML", e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  /** A download that is a ZIP archive (application/zip); its file entries. */
  static Map<String, byte[]> zipDownload(Response r) {
    byte[] b = file(r);
    contentType(r, "application/zip");
    that(
        isZip(b),
        "Download is a ZIP file",
        "a ZIP archive",
        "not a ZIP archive (" + b.length + " bytes)");
    return unzip(b);
  }

  /** An NML that conforms to the NML schema and can be read; the document. */
  static Nml validNml(byte[] b, String what) {
    List<Violation> v = NML_SCHEMA.validate(b);
    that(
        v.isEmpty(),
        "NML conforms to nml.xsd",
        what + " conforming to nml/nml.xsd",
        v.stream().limit(3).map(Violation::toString).collect(Collectors.joining("; ")));
    try {
      return NmlReader.read(b);
    } catch (NmlException e) {
      that(false, "NML is readable", what + " readable as NML", e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  static Map<String, byte[]> unzip(byte[] bytes) {
    try {
      return Archives.unzip(bytes);
    } catch (IOException | IllegalArgumentException e) {
      that(false, "ZIP is readable", "a readable ZIP archive", e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  static List<String> nmlEntries(Map<String, byte[]> entries) {
    return entries.keySet().stream()
        .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".nml"))
        .toList();
  }

  /** The NML as the bytes of a file to upload. */
  static byte[] bytes(Nml nml) {
    return NmlWriter.toBytes(nml);
  }

  /** The NML files of an archive, each checked against the NML schema. */
  static List<Nml> nmlsOf(Map<String, byte[]> entries) {
    List<Nml> out = new ArrayList<>();
    for (String name : nmlEntries(entries)) {
      out.add(validNml(entries.get(name), name));
    }
    return out;
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static Map<String, byte[]> files(Object... nameAndBytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndBytes.length; i += 2) {
      m.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
    }
    return m;
  }
}
