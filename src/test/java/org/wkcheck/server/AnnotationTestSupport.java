package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.conformance.fixtures.Archives.zip;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wkcheck.conformance.fixtures.Archives;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.NmlException;
import org.wkcheck.nml.NmlReader;
import org.wkcheck.nml.NmlWriter;
import tools.jackson.databind.JsonNode;

/**
 * Helpers shared by the annotation tests: small NML fixtures written here, uploads, downloads, ZIP
 * handling, and task annotations set up through the API.
 */
public abstract class AnnotationTestSupport extends ServerTestBase {
  static final String L4 = "l4_sample";
  static final String ORG_X = "Organization_X";
  static final Vec3d L4_SCALE = new Vec3d(11.24, 11.24, 28);

  private int priority = 2_000_000;

  // --- NML fixtures ---------------------------------------------------------------------------

  /** A chain tree of {@code count} nodes with ids from {@code firstNode}, near the l4 centre. */
  static Tree chain(int treeId, String name, int firstNode, int count) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = firstNode + i;
      nodes.add(
          new Node(
              id,
              1.5 + i,
              3300 + 7 * i + treeId,
              3400 + 3 * i,
              600 + i,
              0.0,
              90.0,
              0.0,
              1,
              2,
              8,
              i % 2 == 0,
              1_600_000_000_000L + 1000L * id));
      if (i > 0) {
        edges.add(new Edge(id - 1, id));
      }
    }
    return new Tree(treeId, new Color(0.25, 0.5, 0.75, 1.0), name, null, null, null, nodes, edges);
  }

  /** An NML on the given dataset holding the trees. */
  static Nml nml(String dataset, String organization, List<Tree> trees) {
    return Nml.empty(Nml.Parameters.of(dataset, organization, L4_SCALE)).withTrees(trees);
  }

  /** An NML on l4_sample of Organization_X holding the trees, as bytes. */
  static byte[] l4Nml(Tree... trees) {
    return NmlWriter.toBytes(nml(L4, ORG_X, List.of(trees)));
  }

  /**
   * An NML on l4_sample of Organization_X, as bytes, whose one tree group {@code groupId} holds
   * {@code grouped}; the {@code others} lie in no group.
   */
  static byte[] l4NmlWithGroup(int groupId, String groupName, Tree grouped, Tree... others) {
    List<Tree> trees = new ArrayList<>();
    trees.add(grouped.withIdNameGroup(grouped.id(), grouped.name(), groupId));
    trees.addAll(List.of(others));
    Group group = new Group(groupId, groupName, null, List.of());
    return NmlWriter.toBytes(nml(L4, ORG_X, trees).withGroups(List.of(group)));
  }

  static Nml parseNml(byte[] bytes) {
    try {
      return NmlReader.read(bytes);
    } catch (NmlException e) {
      throw new AssertionError("not a readable NML: " + e.getMessage(), e);
    }
  }

  // --- ZIP ------------------------------------------------------------------------------------

  /** The file entries of a ZIP archive, in order. */
  static Map<String, byte[]> unzip(byte[] bytes) {
    try {
      return Archives.unzip(bytes);
    } catch (IOException e) {
      throw new AssertionError("not a readable ZIP archive", e);
    }
  }

  /** Entries of the archive whose names end in {@code .nml}. */
  static List<String> nmlEntries(Map<String, byte[]> entries) {
    return entries.keySet().stream().filter(n -> n.toLowerCase().endsWith(".nml")).toList();
  }

  /** A small ZIP archive standing in for volume data (opaque to the server). */
  static byte[] volumeData(int seed) {
    byte[] data = new byte[512];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ((i * 31 + seed) % 7);
    }
    return zip(Map.of("1/volume.raw", data));
  }

  // --- requests -------------------------------------------------------------------------------

  /** Asserts the error envelope and a status among the allowed ones. */
  static void assertClientError(Response r, int... allowed) {
    boolean match = false;
    for (int s : allowed) {
      match |= r.statusCode() == s;
    }
    assertTrue(match, "status " + r.statusCode() + "; body: " + r.asString());
    assertError(r, r.statusCode());
  }

  /** A multipart upload request with the given files and createGroupForEachFile (if not null). */
  RequestSpecification uploadRequest(char user, String createGroup, Map<String, byte[]> files) {
    RequestSpecification r = as(user);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      r = r.multiPart("nmlFile[]", f.getKey(), f.getValue(), "application/octet-stream");
    }
    if (createGroup != null) {
      r = r.multiPart("createGroupForEachFile", createGroup);
    }
    return r;
  }

  Response upload(char user, String createGroup, Map<String, byte[]> files) {
    return uploadRequest(user, createGroup, files).post("/annotations/upload");
  }

  /** Uploads the files as the user; returns the id of the new explorational annotation. */
  String uploadedId(char user, String createGroup, Map<String, byte[]> files) {
    JsonNode body = ok(upload(user, createGroup, files));
    JsonNode ref = body.path("annotation");
    assertEquals(ref.path("typ").asString(), "Explorational", body.toString());
    assertTrue(ref.path("id").isString(), body.toString());
    return ref.path("id").asString();
  }

  /** Uploads one small NML as user_A; returns the new annotation's id. */
  String uploadSingle(String fileName, Tree... trees) {
    return uploadedId('A', "false", Map.of(fileName, l4Nml(trees)));
  }

  static Map<String, byte[]> files(Object... nameAndBytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndBytes.length; i += 2) {
      m.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
    }
    return m;
  }

  JsonNode info(char user, String typ, String id) {
    return ok(as(user).get("/annotations/" + typ + "/" + id + "/info"));
  }

  Response download(char user, String typ, String id) {
    return as(user).get("/annotations/" + typ + "/" + id + "/download");
  }

  /** Downloads a skeleton-only annotation and parses the NML. */
  Nml downloadNml(char user, String typ, String id) {
    Response r = download(user, typ, id);
    assertEquals(r.statusCode(), 200, "download status; body: " + r.asString());
    assertTrue(r.contentType().startsWith("application/xml"), "content type " + r.contentType());
    return parseNml(r.asByteArray());
  }

  /** Downloads a ZIP and returns its entries. */
  Map<String, byte[]> downloadZip(char user, String typ, String id) {
    Response r = download(user, typ, id);
    assertEquals(r.statusCode(), 200, "download status; body: " + r.asString());
    assertTrue(r.contentType().startsWith("application/zip"), "content type " + r.contentType());
    return unzip(r.asByteArray());
  }

  Response patch(char user, String typ, String id, String action) {
    return as(user).patch("/annotations/" + typ + "/" + id + "/" + action);
  }

  JsonNode finish(char user, String typ, String id) {
    return ok(patch(user, typ, id, "finish"));
  }

  JsonNode taskJsonOf(String taskId) {
    return ok(as('A').get("/tasks/" + taskId));
  }

  /** The skeleton layer of an annotation JSON. */
  static JsonNode skeletonLayer(JsonNode annotation) {
    for (JsonNode l : annotation.path("annotationLayers")) {
      if ("Skeleton".equals(l.path("typ").asString())) {
        return l;
      }
    }
    throw new AssertionError("no skeleton layer: " + annotation);
  }

  static List<String> layerTypes(JsonNode annotation) {
    return strings(annotation.path("annotationLayers"), "typ");
  }

  static Set<String> tracingIds(JsonNode annotation) {
    return new HashSet<>(strings(annotation.path("annotationLayers"), "tracingId"));
  }

  /** The content of the NML's meta element with this name, or null. */
  static String meta(Nml nml, String name) {
    return nml.meta().stream()
        .filter(m -> name.equals(m.name()))
        .map(Nml.Meta::content)
        .findFirst()
        .orElse(null);
  }

  static List<String> treeNames(Nml nml) {
    return nml.trees().stream().map(Tree::name).toList();
  }

  /** All node ids of the document. */
  static List<Integer> nodeIds(Nml nml) {
    List<Integer> ids = new ArrayList<>();
    nml.trees().forEach(t -> t.nodes().forEach(n -> ids.add(n.id())));
    return ids;
  }

  /** The trees without their ids (tree ids, node ids and edges renumbered to positions). */
  static List<Tree> withoutIds(Nml nml) {
    List<Tree> out = new ArrayList<>();
    for (Tree t : nml.trees()) {
      Map<Integer, Integer> index = new LinkedHashMap<>();
      List<Node> nodes = new ArrayList<>();
      for (Node n : t.nodes()) {
        index.put(n.id(), index.size());
        nodes.add(n.withId(index.size() - 1));
      }
      List<Edge> edges = new ArrayList<>();
      for (Edge e : t.edges()) {
        edges.add(new Edge(index.get(e.source()), index.get(e.target())));
      }
      out.add(t.withIdNameGroup(0, t.name(), null).withNodesAndEdges(nodes, edges));
    }
    return out;
  }

  // --- tasks ----------------------------------------------------------------------------------

  /**
   * A new project of team_X1 whose priority is above every project created before in this server,
   * so the next task request of a team_X1 member picks its tasks.
   */
  String freshProject() {
    return freshProjectJson().path("name").asString();
  }

  /** Like {@link #freshProject()}, answering the project JSON. */
  JsonNode freshProjectJson() {
    return createProject(unique("p"), ++priority);
  }

  /** Creates a task from an NML (its base holds the NML's trees); returns the task JSON. */
  JsonNode createTaskFromNml(String project, String taskTypeId, int instances, byte[] nml) {
    String form =
        "{\"taskTypeId\":\""
            + taskTypeId
            + "\",\"neededExperience\":{\"domain\":\"abc\",\"value\":0},\"openInstances\":"
            + instances
            + ",\"projectName\":\""
            + project
            + "\"}";
    JsonNode report =
        ok(
            as('A')
                .multiPart("formJSON", form)
                .multiPart("nmlFiles[]", "base.nml", nml, "application/octet-stream")
                .post("/tasks/createFromFiles"));
    JsonNode entry = report.path("tasks").get(0);
    assertNotNull(entry, report.toString());
    assertEquals(entry.path("status").asInt(), 200, "task creation: " + report);
    return entry.path("success");
  }

  /** The user takes the next task instance, which must be of the given task. */
  JsonNode take(char user, String taskId) {
    JsonNode a = requestTaskAnnotation(user);
    assertEquals(a.path("task").path("id").asString(), taskId, "assigned task: " + a);
    assertEquals(a.path("typ").asString(), "Task", a.toString());
    return a;
  }

  /** The annotation ids (NML meta annotationId) of the NMLs in a compound download. */
  static List<String> annotationIdsOfNmls(Map<String, byte[]> zip) {
    List<String> ids = new ArrayList<>();
    for (String name : nmlEntries(zip)) {
      ids.add(meta(parseNml(zip.get(name)), "annotationId"));
    }
    return ids;
  }

  /** The skeleton tree count of a compound info. */
  int compoundTreeCount(char user, String typ, String id) {
    JsonNode a = info(user, typ, id);
    assertEquals(a.path("typ").asString(), typ, a.toString());
    assertEquals(a.path("id").asString(), id, a.toString());
    return skeletonLayer(a).path("stats").path("treeCount").asInt();
  }

  /** The open/active/finished counts of a task JSON. */
  static List<Integer> status(JsonNode task) {
    JsonNode s = task.path("status");
    List<Integer> out = new ArrayList<>();
    for (String k : List.of("open", "active", "finished")) {
      assertTrue(s.path(k).isIntegralNumber(), "status." + k + " in " + task);
      out.add(s.path(k).asInt());
    }
    return out;
  }
}
