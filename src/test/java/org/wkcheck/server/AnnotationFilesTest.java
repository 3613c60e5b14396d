package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.conformance.fixtures.Archives.zip;
import static org.wkcheck.server.world.SeedWorld.EXPLORATIONAL_1;
import static org.wkcheck.server.world.SeedWorld.EXPLORATIONAL_PUBLIC;
import static org.wkcheck.server.world.SeedWorld.EXPLORATIONAL_VOLUME;
import static org.wkcheck.server.world.SeedWorld.USER_A;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Group;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.NmlMerge;
import org.wkcheck.nml.NmlWriter;
import tools.jackson.databind.JsonNode;

/** Annotation downloads (NML, ZIP with volume data) and uploads of NML and ZIP files. */
public class AnnotationFilesTest extends AnnotationTestSupport {
  private static final Pattern DISPOSITION =
      Pattern.compile("attachment\\s*;\\s*filename\\s*=\\s*\"?([^\";]+)\"?");

  /** The file name of an attachment download; fails unless Content-Disposition is attachment. */
  private static String attachmentName(Response r) {
    String d = r.header("Content-Disposition");
    assertNotNull(d, "no Content-Disposition");
    Matcher m = DISPOSITION.matcher(d);
    assertTrue(m.find(), "not an attachment with a file name: " + d);
    return m.group(1);
  }

  /**
   * user_A's download of the explorational annotation {@code id}; fails unless it is a 200
   * attachment of {@code contentType} whose file name ends in {@code ending}.
   */
  private Response downloadedAttachment(String id, String contentType, String ending) {
    Response r = download('A', "Explorational", id);
    assertEquals(r.statusCode(), 200, r.asString());
    assertTrue(r.contentType().startsWith(contentType), "content type " + r.contentType());
    assertTrue(attachmentName(r).endsWith(ending), r.header("Content-Disposition"));
    return r;
  }

  private static void assertStatsMatch(JsonNode annotation, Nml nml) {
    JsonNode stats = skeletonLayer(annotation).path("stats");
    assertEquals(nml.trees().size(), stats.path("treeCount").asInt(), "trees");
    assertEquals(nml.nodeCount(), stats.path("nodeCount").asInt(), "nodes");
    assertEquals(nml.edgeCount(), stats.path("edgeCount").asInt(), "edges");
  }

  /** The group with this id among the groups (nested ones included), or null. */
  private static Group findGroup(List<Group> groups, int id) {
    for (Group g : groups) {
      if (g.id() == id) {
        return g;
      }
      Group inner = findGroup(g.children(), id);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  private static Set<Integer> idsUnder(Group g) {
    List<Integer> ids = new ArrayList<>();
    g.collectIds(ids);
    return new HashSet<>(ids);
  }

  private static boolean namedAfter(String groupName, String fileName) {
    return groupName.equals(fileName) || groupName.equals(NmlMerge.baseName(fileName));
  }

  // --- download -------------------------------------------------------------------------------

  /**
   * A skeleton-only download MUST be an application/xml attachment named *.nml whose trees, nodes
   * and edges match the info's layer stats.
   */
  @Test
  public void skeletonDownloadIsAnNmlMatchingTheStats() {
    Response r = downloadedAttachment(EXPLORATIONAL_1, "application/xml", ".nml");
    Nml nml = parseNml(r.asByteArray());
    assertStatsMatch(info('A', "Explorational", EXPLORATIONAL_1), nml);
    assertEquals(nml.parameters().experiment().name(), "2012-06-28_Cortex");
  }

  /** Downloading an uploaded NML MUST give back its trees, names with special characters too. */
  @Test
  public void uploadedSkeletonDownloadsWithItsTrees() {
    Tree t1 = chain(1, "first <&> \"quoted\" 'single' äöü μ–☃", 1, 4);
    Tree t2 = chain(2, "second", 5, 3);
    String id = uploadSingle("round.nml", t1, t2);
    Nml nml = downloadNml('A', "Explorational", id);
    assertEquals(nml.trees(), List.of(t1, t2));
    assertStatsMatch(info('A', "Explorational", id), nml);
  }

  /** A public annotation MUST be downloadable anonymously; a non-public one MUST NOT be. */
  @Test
  public void anonymousDownloadOnlyOfPublicAnnotations() {
    Response pub =
        anonymous().get("/annotations/Explorational/" + EXPLORATIONAL_PUBLIC + "/download");
    assertEquals(pub.statusCode(), 200, pub.asString());
    assertEquals(parseNml(pub.asByteArray()).nodeCount(), 28967);
    Response priv = anonymous().get("/annotations/Explorational/" + EXPLORATIONAL_1 + "/download");
    assertTrue(priv.statusCode() >= 400 && priv.statusCode() < 500, "status " + priv.statusCode());
    assertError(priv, priv.statusCode());
  }

  /** Downloading an unknown annotation MUST fail with the error envelope (400 or 404). */
  @Test
  public void downloadOfAnUnknownAnnotationFails() {
    Response r = download('A', "Explorational", "0123456789abcdef01234567");
    assertTrue(r.statusCode() == 400 || r.statusCode() == 404, "status " + r.statusCode());
    assertError(r, r.statusCode());
    assertError(download('A', "Explorational", "bad-id"), 400);
    assertError(download('A', "Unknown", EXPLORATIONAL_1), 400);
  }

  /**
   * The download of an annotation with a volume layer MUST be an application/zip attachment holding
   * exactly one NML and data.zip, the NML referencing data.zip.
   */
  @Test
  public void hybridDownloadIsAZipOfNmlAndDataZip() {
    Response r = downloadedAttachment(EXPLORATIONAL_VOLUME, "application/zip", ".zip");
    Map<String, byte[]> zip = unzip(r.asByteArray());
    List<String> nmls = nmlEntries(zip);
    assertEquals(nmls.size(), 1, zip.keySet().toString());
    assertEquals(zip.size(), 2, zip.keySet().toString());
    assertTrue(zip.containsKey("data.zip"), zip.keySet().toString());
    assertFalse(unzip(zip.get("data.zip")).isEmpty(), "data.zip holds nothing");
    Nml nml = parseNml(zip.get(nmls.get(0)));
    assertEquals(nml.volumes().size(), 1);
    assertEquals(nml.volumes().get(0).location(), "data.zip");
    assertStatsMatch(info('A', "Explorational", EXPLORATIONAL_VOLUME), nml);
  }

  /** Downloads MUST come "as chunked file stream": chunked transfer coding, no Content-Length. */
  @Test
  public void downloadsAreChunkedStreams() {
    for (String id : List.of(EXPLORATIONAL_1, EXPLORATIONAL_VOLUME)) {
      Response r = download('A', "Explorational", id);
      assertEquals(r.statusCode(), 200, r.asString());
      assertEquals(r.header("Transfer-Encoding"), "chunked", id + ": " + r.headers());
      assertEquals(r.header("Content-Length"), null, id + ": " + r.headers());
    }
  }

  // --- upload ---------------------------------------------------------------------------------

  /**
   * Upload MUST answer {"annotation":{"typ":"Explorational","id":...},"messages":[...]} and the id
   * MUST be readable via info, owned by the uploader, on the NML's dataset.
   */
  @Test
  public void uploadAnswersTheNewAnnotationReference() {
    JsonNode body = ok(upload('A', "false", files("shape.nml", l4Nml(chain(1, "t", 1, 3)))));
    assertEquals(body.path("annotation").path("typ").asString(), "Explorational", body + "");
    assertTrue(body.path("annotation").path("id").isString(), body.toString());
    assertTrue(body.path("messages").isArray() && !body.path("messages").isEmpty(), body + "");
    assertTrue(body.path("messages").get(0).path("success").isString(), body.toString());
    JsonNode a = info('A', "Explorational", body.path("annotation").path("id").asString());
    assertEquals(a.path("typ").asString(), "Explorational");
    assertEquals(a.path("state").asString(), "Active");
    assertEquals(a.path("dataSetName").asString(), L4);
    assertEquals(a.path("owner").path("id").asString(), USER_A);
    assertEquals(layerTypes(a), List.of("Skeleton"));
    assertEquals(skeletonLayer(a).path("stats").path("nodeCount").asInt(), 3);
  }

  /**
   * A single uploaded file MUST name the annotation after the file, without extension, and take the
   * NML's description.
   */
  @Test
  public void singleUploadIsNamedAfterTheFile() {
    Nml doc = nml(L4, ORG_X, List.of(chain(1, "t", 1, 2)));
    doc =
        doc.withParameters(
            doc.parameters().withExperiment(new Nml.Experiment(L4, ORG_X, "my words", null, null)));
    String id = uploadedId('A', "false", files("my_tracing.nml", NmlWriter.toBytes(doc)));
    JsonNode a = info('A', "Explorational", id);
    assertEquals(a.path("name").asString(), "my_tracing");
    assertEquals(a.path("description").asString(), "my words");
  }

  /**
   * Uploads alpha.nml (trees a1 and a2, nodes 1 to 5) and beta.nml as user_A with that
   * createGroupForEachFile, and downloads the new explorational annotation.
   */
  private Nml uploadedWithAlpha(String createGroup, byte[] beta) {
    byte[] alpha = l4Nml(chain(1, "a1", 1, 3), chain(2, "a2", 4, 2));
    String id = uploadedId('A', createGroup, files("alpha.nml", alpha, "beta.nml", beta));
    return downloadNml('A', "Explorational", id);
  }

  /**
   * Combining files MUST keep node, tree and group ids unique even when a later file numbers them
   * from 0.
   */
  @Test
  public void combinedFilesKeepIdsUniqueWhenALaterFileStartsAtZero() {
    byte[] beta = l4NmlWithGroup(0, "g0", chain(0, "z0", 0, 3), chain(1, "z1", 3, 2));
    for (String createGroup : List.of("true", "false")) {
      Nml nml = uploadedWithAlpha(createGroup, beta);
      assertEquals(nml.nodeCount(), 10, createGroup);
      List<Integer> ids = nodeIds(nml);
      assertEquals(new HashSet<>(ids).size(), ids.size(), createGroup + ": node ids " + ids);
      List<Integer> treeIds = nml.trees().stream().map(Tree::id).toList();
      assertEquals(
          new HashSet<>(treeIds).size(), treeIds.size(), createGroup + ": tree ids " + treeIds);
      List<Integer> groupIds = nml.groupIds();
      assertEquals(
          new HashSet<>(groupIds).size(), groupIds.size(), createGroup + ": group ids " + groupIds);
    }
  }

  /**
   * createGroupForEachFile "true" MUST wrap each file's trees (and groups) into one tree group per
   * file, named after the file, keeping tree names.
   */
  @Test
  public void groupPerFileWrapsEachFilesTrees() {
    byte[] beta = l4NmlWithGroup(7, "inner", chain(1, "b1", 1, 4), chain(2, "b2", 10, 1));
    Nml nml = uploadedWithAlpha("true", beta);
    assertEquals(treeNames(nml), List.of("a1", "a2", "b1", "b2"), "tree names");
    assertEquals(nml.groups().size(), 2, "top-level groups: " + nml.groups());
    Map<String, Group> byFile = new HashMap<>();
    for (Group g : nml.groups()) {
      for (String f : List.of("alpha.nml", "beta.nml")) {
        if (namedAfter(g.name(), f)) {
          byFile.put(f, g);
        }
      }
    }
    assertEquals(byFile.keySet(), Set.of("alpha.nml", "beta.nml"), "groups " + nml.groups());
    for (Tree t : nml.trees()) {
      String file = t.name().startsWith("a") ? "alpha.nml" : "beta.nml";
      assertNotNull(t.groupId(), "tree " + t.name() + " is in no group");
      assertTrue(
          idsUnder(byFile.get(file)).contains(t.groupId()),
          "tree " + t.name() + " not inside the group of " + file + ": " + nml.groups());
    }
    Group innerGroup = findGroup(byFile.get("beta.nml").children(), nml.trees().get(2).groupId());
    assertNotNull(innerGroup, "b1 left its own group: " + nml.groups());
    assertEquals(innerGroup.name(), "inner");
    assertEquals(nml.nodeCount(), 10);
    List<Integer> ids = nodeIds(nml);
    assertEquals(new HashSet<>(ids).size(), ids.size(), "node ids not unique: " + ids);
  }

  /** createGroupForEachFile "false" MUST prefix each tree name with its file's name. */
  @Test
  public void noGroupsPrefixesTreeNames() {
    byte[] beta = l4Nml(chain(1, "b1", 1, 4));
    Nml nml = uploadedWithAlpha("false", beta);
    List<String> names = treeNames(nml);
    assertEquals(names.size(), 3, names.toString());
    for (String[] expected : new String[][] {{"alpha", "a1"}, {"alpha", "a2"}, {"beta", "b1"}}) {
      assertTrue(
          names.stream()
              .anyMatch(
                  n ->
                      n.startsWith(expected[0])
                          && n.endsWith(expected[1])
                          && n.length() > expected[0].length() + expected[1].length() - 1
                          && !n.equals(expected[1])),
          expected[1] + " not prefixed with " + expected[0] + ": " + names);
    }
    assertTrue(nml.groups().isEmpty(), "groups created: " + nml.groups());
    List<Integer> ids = nodeIds(nml);
    assertEquals(new HashSet<>(ids).size(), ids.size(), "node ids not unique: " + ids);
  }

  /** A ZIP holding two NMLs MUST be uploaded as both files' trees. */
  @Test
  public void zipOfTwoNmlsIsUploaded() {
    byte[] bundle =
        zip(
            files(
                "one.nml", l4Nml(chain(1, "o1", 1, 2)),
                "two.nml", l4Nml(chain(1, "w1", 1, 3), chain(2, "w2", 4, 1))));
    String id = uploadedId('A', "true", files("bundle.zip", bundle));
    JsonNode a = info('A', "Explorational", id);
    assertEquals(skeletonLayer(a).path("stats").path("treeCount").asInt(), 3, a.toString());
    assertEquals(skeletonLayer(a).path("stats").path("nodeCount").asInt(), 6, a.toString());
    Nml nml = downloadNml('A', "Explorational", id);
    assertEquals(new HashSet<>(treeNames(nml)), Set.of("o1", "w1", "w2"));
    assertEquals(nml.groups().size(), 2, "one group per NML file: " + nml.groups());
    for (Group g : nml.groups()) {
      assertTrue(
          namedAfter(g.name(), "one.nml") || namedAfter(g.name(), "two.nml"), "group " + g.name());
    }
  }

  /**
   * A ZIP with an NML whose volume references data.zip, plus that data.zip, MUST give a volume
   * layer; the download MUST then be a ZIP carrying the same volume data.
   */
  @Test
  public void zipWithVolumeDataGivesAVolumeLayer() {
    byte[] data = volumeData(3);
    Nml withVolume =
        nml(L4, ORG_X, List.of(chain(1, "v1", 1, 2)))
            .withVolumes(
                List.of(
                    new Nml.Volume(
                        0,
                        "Volume",
                        "data.zip",
                        "wkw",
                        "segmentation",
                        77L,
                        List.of(),
                        List.of())));
    byte[] bundle = zip(files("vol.nml", NmlWriter.toBytes(withVolume), "data.zip", data));
    String id = uploadedId('A', "false", files("vol.zip", bundle));
    JsonNode a = info('A', "Explorational", id);
    assertTrue(layerTypes(a).contains("Volume"), a.path("annotationLayers").toString());
    Map<String, byte[]> zip = downloadZip('A', "Explorational", id);
    List<String> nmls = nmlEntries(zip);
    assertEquals(nmls.size(), 1, zip.keySet().toString());
    Nml nml = parseNml(zip.get(nmls.get(0)));
    assertEquals(nml.volumes().size(), 1);
    String location = nml.volumes().get(0).location();
    assertNotNull(zip.get(location), "volume data " + location + " missing: " + zip.keySet());
    assertEquals(zip.get(location), data, "volume data changed");
  }

  /**
   * More than the documented one volume data ZIP MUST be refused (400) or combined into a single
   * volume layer (as webKnossos does), never give several volume layers.
   */
  @Test
  public void twoVolumeUploadsDoNotGiveTwoVolumeLayers() {
    Map<String, byte[]> uploads = new LinkedHashMap<>();
    for (int i = 1; i <= 2; i++) {
      Nml withVolume =
          nml(L4, ORG_X, List.of(chain(1, "v" + i, 1, 2)))
              .withVolumes(
                  List.of(
                      new Nml.Volume(
                          0, "Volume", "data.zip", "wkw", null, null, List.of(), List.of())));
      uploads.put(
          "vol" + i + ".zip",
          zip(files("vol" + i + ".nml", NmlWriter.toBytes(withVolume), "data.zip", volumeData(i))));
    }
    Response r = upload('A', "true", uploads);
    if (r.statusCode() == 400) {
      assertError(r, 400);
      return;
    }
    JsonNode a = info('A', "Explorational", ok(r).path("annotation").path("id").asString());
    long volumes = layerTypes(a).stream().filter("Volume"::equals).count();
    assertEquals(volumes, 1L, "volume layers: " + a.path("annotationLayers"));
  }

  /** An NML on a dataset the uploader may not read MUST give 403. */
  @Test
  public void uploadOnAnInaccessibleDatasetIs403() {
    byte[] nml =
        NmlWriter.toBytes(nml("confocal-multi_knossos", ORG_X, List.of(chain(1, "t", 1, 2))));
    assertError(upload('D', "false", files("hidden.nml", nml)), 403);
    uploadedId('A', "false", files("visible.nml", nml));
  }

  /** A file that is not an NML (nor a ZIP of NMLs) MUST give 400. */
  @Test
  public void nonNmlFileIs400() {
    assertError(
        upload('A', "false", files("notes.txt", "hello world".getBytes(StandardCharsets.UTF_8))),
        400);
    assertError(
        upload('A', "false", files("other.nml", "<foo/>".getBytes(StandardCharsets.UTF_8))), 400);
    assertError(
        upload(
            'A',
            "false",
            files("empty.zip", zip(files("readme.txt", "x".getBytes(StandardCharsets.UTF_8))))),
        400);
  }

  /** A missing or invalid createGroupForEachFile MUST give 400. */
  @Test
  public void missingOrInvalidCreateGroupForEachFileIs400() {
    Map<String, byte[]> f = files("x.nml", l4Nml(chain(1, "t", 1, 2)));
    assertError(upload('A', null, f), 400);
    assertError(upload('A', "yes", f), 400);
    assertError(upload('A', "", f), 400);
  }

  /** An upload without any file MUST give 400. */
  @Test
  public void uploadWithoutFileIs400() {
    assertError(upload('A', "true", Map.of()), 400);
    assertError(upload('A', "false", files("empty.nml", new byte[0])), 400);
  }

  /** An upload that is not multipart/form-data MUST give 400. */
  @Test
  public void uploadThatIsNotMultipartIs400() {
    assertError(
        as('A')
            .contentType("application/json")
            .body("{\"createGroupForEachFile\":\"true\"}")
            .post("/annotations/upload"),
        400);
    assertError(
        as('A')
            .contentType("application/xml")
            .body(l4Nml(chain(1, "t", 1, 2)))
            .post("/annotations/upload"),
        400);
  }

  /** An NML naming a dataset that does not exist MUST give 404. */
  @Test
  public void uploadOnAnUnknownDatasetIs404() {
    byte[] nml = NmlWriter.toBytes(nml("no_such_dataset", ORG_X, List.of(chain(1, "t", 1, 2))));
    assertError(upload('A', "false", files("unknown.nml", nml)), 404);
  }

  /** The form field datasetName MUST override the NML's dataset. */
  @Test
  public void datasetNameFieldOverridesTheNmlsDataset() {
    byte[] nml = NmlWriter.toBytes(nml("no_such_dataset", ORG_X, List.of(chain(1, "t", 1, 2))));
    JsonNode body =
        ok(
            uploadRequest('A', "false", files("override.nml", nml))
                .multiPart("datasetName", L4)
                .post("/annotations/upload"));
    JsonNode a = info('A', "Explorational", body.path("annotation").path("id").asString());
    assertEquals(a.path("dataSetName").asString(), L4);
  }

  /** Files on different datasets MUST NOT be uploaded together (400). */
  @Test
  public void filesOnDifferentDatasetsAre400() {
    byte[] other =
        NmlWriter.toBytes(nml("confocal-multi_knossos", ORG_X, List.of(chain(1, "c", 1, 2))));
    assertError(
        upload('A', "false", files("l4.nml", l4Nml(chain(1, "t", 1, 2)), "conf.nml", other)), 400);
  }

  /**
   * An upload without a token MUST be answered 401 with the envelope, every time: the answer has to
   * reach a client that sends its whole (chunked) multipart body before reading.
   */
  @Test
  public void uploadNeedsALogin() {
    int attempts = 20;
    List<String> lost = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      Response r;
      try {
        r =
            anonymous()
                .multiPart("nmlFile[]", "x.nml", l4Nml(chain(1, "t", 1, 2)), "application/xml")
                .multiPart("createGroupForEachFile", "false")
                .post("/annotations/upload");
      } catch (Exception e) { // rest-assured rethrows the client's IOException undeclared
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        lost.add(e.getClass().getSimpleName() + " (" + root + ")");
        continue;
      }
      assertError(r, 401);
    }
    assertTrue(lost.isEmpty(), lost.size() + " of " + attempts + " answers lost: " + lost);
  }
}
