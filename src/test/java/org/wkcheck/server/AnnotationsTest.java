package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.server.world.SeedWorld.EXPLORATIONAL_1;
import static org.wkcheck.server.world.SeedWorld.EXPLORATIONAL_PUBLIC;
import static org.wkcheck.server.world.SeedWorld.EXPLORATIONAL_VOLUME;
import static org.wkcheck.server.world.SeedWorld.TASK_1;
import static org.wkcheck.server.world.SeedWorld.TASK_2;
import static org.wkcheck.server.world.SeedWorld.TASK_ANNOTATION_1;
import static org.wkcheck.server.world.SeedWorld.TASK_ANNOTATION_2;
import static org.wkcheck.server.world.SeedWorld.TASK_ANNOTATION_CANCELLED;
import static org.wkcheck.server.world.SeedWorld.TASK_TYPE_1;
import static org.wkcheck.server.world.SeedWorld.USER_B;
import static org.wkcheck.server.world.SeedWorld.USER_E;

import io.restassured.response.Response;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlWriter;
import tools.jackson.databind.JsonNode;

/** Annotation info, edit, duplicate and merge. */
public class AnnotationsTest extends AnnotationTestSupport {
  private static final String UNKNOWN_ID = "0123456789abcdef01234567";

  private Response edit(char user, String typ, String id, String body) {
    return as(user)
        .contentType("application/json")
        .body(body)
        .patch("/annotations/" + typ + "/" + id + "/edit");
  }

  private static void assertSkeletonStats(JsonNode a, int trees, int nodes, int edges) {
    JsonNode stats = skeletonLayer(a).path("stats");
    assertEquals(stats.path("treeCount").asInt(), trees, a.toString());
    assertEquals(stats.path("nodeCount").asInt(), nodes, a.toString());
    assertEquals(stats.path("edgeCount").asInt(), edges, a.toString());
  }

  // --- info -----------------------------------------------------------------------------------

  /**
   * Info of a seeded active annotation on 2012-06-28_Cortex as user_A, after checking its id, typ,
   * state and dataset.
   */
  private JsonNode activeCortexInfo(String typ, String id) {
    JsonNode a = info('A', typ, id);
    assertEquals(a.path("id").asString(), id);
    assertEquals(a.path("typ").asString(), typ);
    assertEquals(a.path("state").asString(), "Active");
    assertEquals(a.path("dataSetName").asString(), "2012-06-28_Cortex");
    return a;
  }

  /** Info of an explorational annotation MUST give its typ, state, dataset and layers. */
  @Test
  public void infoOfAnExplorationalAnnotation() {
    JsonNode a = activeCortexInfo("Explorational", EXPLORATIONAL_1);
    assertTrue(a.path("task").isNull(), a.toString());
    assertEquals(a.path("annotationLayers").size(), 1, a.toString());
    JsonNode layer = skeletonLayer(a);
    assertEquals(layer.path("tracingId").asString(), "ae417175-f7bb-4a34-8187-d9c3b50143ae");
    assertSkeletonStats(a, 2, 28967, 28965);
  }

  /** Info of a task annotation MUST give typ Task, its task and its layers. */
  @Test
  public void infoOfATaskAnnotation() {
    JsonNode a = activeCortexInfo("Task", TASK_ANNOTATION_1);
    assertEquals(a.path("task").path("id").asString(), TASK_2, a.toString());
    assertEquals(layerTypes(a), List.of("Skeleton"));
    assertSkeletonStats(a, 1, 5, 4);
  }

  /**
   * GET /annotations/:typ/:id/info with a bad :typ or :id: the path after {@code /annotations/},
   * the status it MUST give, and why.
   */
  @DataProvider
  public Object[][] badInfoPaths() {
    return new Object[][] {
      {"Task/" + EXPLORATIONAL_1, 404, ":typ not matching the annotation"},
      {"Explorational/" + TASK_ANNOTATION_1, 404, ":typ not matching the annotation"},
      // the base annotation of task 2 (typ TracingBase) is neither a Task nor an Explorational
      {"Task/570b9ff12a7c0e980056fe8f", 404, ":typ not matching the annotation"},
      {"Explorational/" + UNKNOWN_ID, 404, "an unknown well-formed id"},
      {"Task/" + UNKNOWN_ID, 404, "an unknown well-formed id"},
      {"Explorational/not-an-id", 400, "a malformed id"},
      {"Explorational/570ba0092a7c0e980056fe9", 400, "a malformed id"},
      {"Foo/" + EXPLORATIONAL_1, 400, "a :typ outside the documented ones"},
      {"explorational/" + EXPLORATIONAL_1, 400, "a :typ outside the documented ones (case)"},
    };
  }

  /**
   * A :typ not matching the annotation and an unknown well-formed id MUST give 404; a malformed id
   * and a :typ outside the documented ones (case-sensitive) MUST give 400.
   */
  @Test(dataProvider = "badInfoPaths")
  public void badInfoPathsAreRefused(String typAndId, int status, String why) {
    assertError(as('A').get("/annotations/" + typAndId + "/info"), status);
  }

  /**
   * A public annotation MUST be readable anonymously, with allowAccess/allowDownload true and
   * allowUpdate/allowFinish false; an unknown token MUST count as anonymous.
   */
  @Test
  public void publicAnnotationIsReadableAnonymously() {
    for (JsonNode a :
        List.of(
            ok(anonymous().get("/annotations/Explorational/" + EXPLORATIONAL_PUBLIC + "/info")),
            ok(
                anonymous()
                    .header("X-Auth-Token", "invalidToken")
                    .get("/annotations/Explorational/" + EXPLORATIONAL_PUBLIC + "/info")))) {
      assertEquals(a.path("id").asString(), EXPLORATIONAL_PUBLIC);
      assertEquals(a.path("visibility").asString(), "Public");
      JsonNode r = a.path("restrictions");
      assertTrue(r.path("allowAccess").isBoolean() && r.path("allowAccess").asBoolean(), a + "");
      assertTrue(r.path("allowDownload").isBoolean() && r.path("allowDownload").asBoolean());
      assertTrue(r.path("allowUpdate").isBoolean() && !r.path("allowUpdate").asBoolean());
      assertTrue(r.path("allowFinish").isBoolean() && !r.path("allowFinish").asBoolean());
    }
  }

  /** A non-public annotation MUST NOT be readable anonymously (4xx with the envelope). */
  @Test
  public void nonPublicAnnotationIsNotReadableAnonymously() {
    Response r = anonymous().get("/annotations/Explorational/" + EXPLORATIONAL_1 + "/info");
    assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "status " + r.statusCode());
    assertError(r, r.statusCode());
    assertFalse(r.asString().contains("ae417175"), "leaks the annotation: " + r.asString());
  }

  /** An internal annotation MUST NOT be readable by a user of another organization (404). */
  @Test
  public void internalAnnotationIsNotReadableFromAnotherOrganization() {
    assertError(as('E').get("/annotations/Explorational/" + EXPLORATIONAL_1 + "/info"), 404);
  }

  /** A cancelled annotation MUST NOT be answered as a normal annotation (400). */
  @Test
  public void cancelledAnnotationIs400() {
    assertError(as('A').get("/annotations/Task/" + TASK_ANNOTATION_CANCELLED + "/info"), 400);
  }

  // --- edit -----------------------------------------------------------------------------------

  /** Edit MUST change name, description and tags, answer the annotation and keep the change. */
  @Test
  public void editChangesNameDescriptionAndTags() {
    String id = uploadSingle("edit_me.nml", chain(1, "t", 1, 3));
    JsonNode edited =
        ok(
            edit(
                'A',
                "Explorational",
                id,
                "{\"name\":\"renamed\",\"description\":\"described\",\"tags\":[\"x1\",\"x2\"]}"));
    assertEquals(edited.path("id").asString(), id, edited.toString());
    assertEquals(edited.path("name").asString(), "renamed", edited.toString());
    JsonNode a = info('A', "Explorational", id);
    assertEquals(a.path("name").asString(), "renamed");
    assertEquals(a.path("description").asString(), "described");
    Set<String> tags = new HashSet<>();
    a.path("tags").forEach(t -> tags.add(t.asString()));
    assertTrue(tags.containsAll(Set.of("x1", "x2")), a.path("tags").toString());
  }

  /** isPublic true MUST make the annotation Public (anonymously readable), false Internal. */
  @Test
  public void editIsPublicSetsTheVisibility() {
    String id = uploadSingle("public_me.nml", chain(1, "t", 1, 2));
    ok(edit('A', "Explorational", id, "{\"isPublic\":true}"));
    assertEquals(info('A', "Explorational", id).path("visibility").asString(), "Public");
    ok(anonymous().get("/annotations/Explorational/" + id + "/info"));
    ok(edit('A', "Explorational", id, "{\"isPublic\":false}"));
    assertEquals(info('A', "Explorational", id).path("visibility").asString(), "Internal");
    Response r = anonymous().get("/annotations/Explorational/" + id + "/info");
    assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "status " + r.statusCode());
  }

  /** Wrongly typed fields MUST give 400 and change nothing, not even the well-typed fields. */
  @Test
  public void editWithWrongTypesIs400AndChangesNothing() {
    String id = uploadSingle("typed.nml", chain(1, "t", 1, 2));
    ok(edit('A', "Explorational", id, "{\"name\":\"before\",\"tags\":[\"keep\"]}"));
    for (String body :
        List.of(
            "{\"name\":5}",
            "{\"description\":[\"d\"]}",
            "{\"tags\":\"x\"}",
            "{\"tags\":[1,2]}",
            "{\"isPublic\":\"yes\"}",
            "{\"name\":\"after\",\"tags\":\"x\"}",
            "{\"name\":\"after\",\"isPublic\":\"yes\"}")) {
      assertError(edit('A', "Explorational", id, body), 400);
    }
    JsonNode a = info('A', "Explorational", id);
    assertEquals(a.path("name").asString(), "before");
    assertEquals(a.path("visibility").asString(), "Internal");
    assertTrue(a.path("tags").toString().contains("\"keep\""), a.path("tags").toString());
  }

  /** An edit body that is not a JSON object MUST give 400. */
  @Test
  public void editWithoutAJsonObjectIs400() {
    String id = uploadSingle("bodies.nml", chain(1, "t", 1, 2));
    assertError(edit('A', "Explorational", id, "[]"), 400);
    assertError(edit('A', "Explorational", id, "{\"name\":"), 400);
  }

  /** Edit MUST take only Task or Explorational as :typ (compound → 400). */
  @Test
  public void editOfACompoundTypIs400() {
    assertError(edit('A', "CompoundTask", TASK_1, "{\"name\":\"x\"}"), 400);
    assertError(edit('A', "CompoundProject", TASK_1, "{\"name\":\"x\"}"), 400);
  }

  /** Users without update rights MUST be refused (403 or 404) and nothing MUST change. */
  @Test
  public void editByOthersIsRefused() {
    String id = uploadSingle("others.nml", chain(1, "t", 1, 2));
    ok(edit('A', "Explorational", id, "{\"name\":\"mine\"}"));
    assertClientError(edit('E', "Explorational", id, "{\"name\":\"theirs\"}"), 403, 404);
    assertClientError(edit('C', "Explorational", id, "{\"name\":\"theirs\"}"), 403, 404);
    assertClientError(edit('D', "Explorational", id, "{\"isPublic\":true}"), 403, 404);
    JsonNode a = info('A', "Explorational", id);
    assertEquals(a.path("name").asString(), "mine");
    assertEquals(a.path("visibility").asString(), "Internal");
  }

  /**
   * Edit with a :typ that does not match the stored annotation MUST give 404 and change nothing.
   */
  @Test
  public void editWithAMismatchedTypIs404() {
    String id = uploadSingle("mismatch.nml", chain(1, "t", 1, 2));
    assertError(edit('A', "Task", id, "{\"name\":\"x\"}"), 404);
    assertEquals(info('A', "Explorational", id).path("name").asString(), "mismatch");
  }

  /** Edit MUST need a login (401) and an existing annotation (404). */
  @Test
  public void editNeedsLoginAndAnExistingAnnotation() {
    assertError(
        anonymous()
            .contentType("application/json")
            .body("{\"name\":\"x\"}")
            .patch("/annotations/Explorational/" + EXPLORATIONAL_1 + "/edit"),
        401);
    assertError(edit('A', "Explorational", UNKNOWN_ID, "{\"name\":\"x\"}"), 404);
  }

  // --- duplicate ------------------------------------------------------------------------------

  /** Duplicate MUST create a new Explorational with the same content under a new id. */
  @Test
  public void duplicateCopiesTheContent() {
    String id = uploadSingle("dup.nml", chain(1, "first", 1, 4), chain(2, "second", 10, 3));
    JsonNode copy = ok(as('A').post("/annotations/Explorational/" + id + "/duplicate"));
    String copyId = copy.path("id").asString();
    assertNotEquals(copyId, id);
    assertEquals(copy.path("typ").asString(), "Explorational");
    assertSkeletonStats(copy, 2, 7, 5);
    JsonNode copyInfo = info('A', "Explorational", copyId);
    assertSkeletonStats(copyInfo, 2, 7, 5);
    assertTrue(
        Collections.disjoint(tracingIds(copyInfo), tracingIds(info('A', "Explorational", id))),
        "tracing ids shared");
    Nml original = downloadNml('A', "Explorational", id);
    Nml duplicated = downloadNml('A', "Explorational", copyId);
    assertEquals(withoutIds(duplicated), withoutIds(original));
  }

  /** Duplicating a task annotation MUST give an Explorational of the caller without a task. */
  @Test
  public void duplicateOfATaskAnnotationIsExplorational() {
    String taskId =
        createTaskFromNml(freshProject(), TASK_TYPE_1, 1, l4Nml(chain(1, "task tree", 1, 5)))
            .path("id")
            .asString();
    String annotation = take('A', taskId).path("id").asString();
    JsonNode copy = ok(as('B').post("/annotations/Task/" + annotation + "/duplicate"));
    assertEquals(copy.path("typ").asString(), "Explorational");
    assertTrue(copy.path("task").isNull(), copy.toString());
    assertEquals(copy.path("owner").path("id").asString(), USER_B, copy.toString());
    assertSkeletonStats(copy, 1, 5, 4);
    assertEquals(
        info('B', "Explorational", copy.path("id").asString()).path("typ").asString(),
        "Explorational");
  }

  /**
   * A public annotation MUST be duplicable by a user of another organization, who owns the copy.
   */
  @Test
  public void duplicateOfAPublicAnnotationBelongsToTheCaller() {
    String id = uploadSingle("shared.nml", chain(1, "s1", 1, 4), chain(2, "s2", 5, 2));
    ok(edit('A', "Explorational", id, "{\"isPublic\":true}"));
    JsonNode copy = ok(as('E').post("/annotations/Explorational/" + id + "/duplicate"));
    assertEquals(copy.path("owner").path("id").asString(), USER_E, copy.toString());
    assertSkeletonStats(copy, 2, 6, 4);
  }

  /**
   * Duplicating an annotation whose dataset is not imported (2012-06-28_Cortex) MUST give 400
   * (facts section 6: "Dataset X is not imported").
   */
  @Test
  public void duplicateOnADatasetThatIsNotImportedIs400() {
    assertError(as('A').post("/annotations/Explorational/" + EXPLORATIONAL_1 + "/duplicate"), 400);
    assertError(
        as('E').post("/annotations/Explorational/" + EXPLORATIONAL_PUBLIC + "/duplicate"), 400);
  }

  /** Duplicating a hybrid annotation MUST keep its volume layer, under new tracing ids. */
  @Test
  public void duplicateOfAHybridKeepsTheVolume() {
    JsonNode source = info('A', "Explorational", EXPLORATIONAL_VOLUME);
    JsonNode copy =
        ok(as('A').post("/annotations/Explorational/" + EXPLORATIONAL_VOLUME + "/duplicate"));
    assertEquals(new HashSet<>(layerTypes(copy)), Set.of("Skeleton", "Volume"), copy.toString());
    assertTrue(Collections.disjoint(tracingIds(copy), tracingIds(source)));
    Map<String, byte[]> zip = downloadZip('A', "Explorational", copy.path("id").asString());
    assertEquals(nmlEntries(zip).size(), 1, zip.keySet().toString());
  }

  /** Duplicate MUST need a login (401) and a readable annotation (404). */
  @Test
  public void duplicateNeedsLoginAndAReadableAnnotation() {
    assertError(
        anonymous().post("/annotations/Explorational/" + EXPLORATIONAL_PUBLIC + "/duplicate"), 401);
    assertError(as('A').post("/annotations/Explorational/" + UNKNOWN_ID + "/duplicate"), 404);
    assertError(as('E').post("/annotations/Explorational/" + EXPLORATIONAL_1 + "/duplicate"), 404);
    assertError(as('A').post("/annotations/Nope/" + EXPLORATIONAL_1 + "/duplicate"), 400);
  }

  // --- merge ----------------------------------------------------------------------------------

  /** Merge MUST create a new Explorational holding the trees of both, node ids unique. */
  @Test
  public void mergeHoldsTheTreesOfBoth() {
    String first = uploadSingle("m1.nml", chain(1, "a1", 1, 4), chain(2, "a2", 5, 2));
    String second = uploadSingle("m2.nml", chain(1, "b1", 1, 3));
    JsonNode merged =
        ok(as('B').post("/annotations/Explorational/" + first + "/merge/Explorational/" + second));
    String id = merged.path("id").asString();
    assertNotEquals(id, first);
    assertNotEquals(id, second);
    assertEquals(merged.path("typ").asString(), "Explorational");
    assertEquals(merged.path("owner").path("id").asString(), USER_B, merged.toString());
    JsonNode mergedInfo = info('B', "Explorational", id);
    assertSkeletonStats(mergedInfo, 3, 9, 6);
    Nml nml = downloadNml('B', "Explorational", id);
    assertEquals(nml.trees().size(), 3);
    assertEquals(nml.nodeCount(), 9);
    assertEquals(nml.edgeCount(), 6);
    List<Integer> nodeIds = nodeIds(nml);
    assertEquals(new HashSet<>(nodeIds).size(), nodeIds.size(), "node ids not unique: " + nodeIds);
    assertEquals(new HashSet<>(treeNames(nml)), Set.of("a1", "a2", "b1"));
    // every edge joins nodes of its own tree
    for (Nml.Tree t : nml.trees()) {
      Set<Integer> own = new HashSet<>();
      t.nodes().forEach(n -> own.add(n.id()));
      t.edges().forEach(e -> assertTrue(own.contains(e.source()) && own.contains(e.target())));
    }
  }

  /** Merging a task annotation with an explorational one MUST work and give an Explorational. */
  @Test
  public void mergeOfATaskAndAnExplorationalAnnotation() {
    String expl = uploadSingle("m3.nml", chain(1, "c1", 1, 2));
    JsonNode merged =
        ok(as('A').post("/annotations/Task/" + TASK_ANNOTATION_2 + "/merge/Explorational/" + expl));
    assertEquals(merged.path("typ").asString(), "Explorational");
    JsonNode mergedInfo = info('A', "Explorational", merged.path("id").asString());
    assertSkeletonStats(mergedInfo, 2, 7, 5);
    assertEquals(mergedInfo.path("dataSetName").asString(), L4, "dataset of the second");
  }

  /**
   * Merge MUST keep node, tree and group ids unique even when the second annotation numbers them
   * from 0, and keep every tree with its own nodes, edges and group.
   */
  @Test
  public void mergeKeepsIdsUniqueWhenTheSecondStartsAtZero() {
    Nml.Tree a = withGroup(chain(1, "a", 1, 3), 1);
    Nml.Tree b0 = withGroup(chain(0, "b0", 0, 3), 0);
    Nml.Tree b1 = chain(1, "b1", 3, 2);
    String first =
        uploadedId(
            'A',
            "false",
            files(
                "z1.nml",
                NmlWriter.toBytes(
                    nml(L4, ORG_X, List.of(a))
                        .withGroups(List.of(new Nml.Group(1, "ga", null, List.of()))))));
    String second =
        uploadedId(
            'A',
            "false",
            files(
                "z2.nml",
                NmlWriter.toBytes(
                    nml(L4, ORG_X, List.of(b0, b1))
                        .withGroups(List.of(new Nml.Group(0, "gb", null, List.of()))))));
    JsonNode merged =
        ok(as('A').post("/annotations/Explorational/" + first + "/merge/Explorational/" + second));
    Nml nml = downloadNml('A', "Explorational", merged.path("id").asString());
    assertEquals(nml.nodeCount(), 8);
    List<Integer> nodeIds = nodeIds(nml);
    assertEquals(new HashSet<>(nodeIds).size(), nodeIds.size(), "node ids not unique: " + nodeIds);
    List<Integer> treeIds = nml.trees().stream().map(Nml.Tree::id).toList();
    assertEquals(new HashSet<>(treeIds).size(), treeIds.size(), "tree ids not unique: " + treeIds);
    List<Integer> groupIds = nml.groupIds();
    assertEquals(new HashSet<>(groupIds).size(), groupIds.size(), "group ids not unique");
    Map<Integer, String> groupNames = new HashMap<>();
    nml.groups().forEach(g -> groupNames.put(g.id(), g.name()));
    for (Nml.Tree t : nml.trees()) {
      Set<Integer> own = new HashSet<>();
      t.nodes().forEach(n -> own.add(n.id()));
      t.edges().forEach(e -> assertTrue(own.contains(e.source()) && own.contains(e.target())));
      if (t.name().equals("a")) {
        assertEquals(groupNames.get(t.groupId()), "ga");
      } else if (t.name().equals("b0")) {
        assertEquals(groupNames.get(t.groupId()), "gb");
      }
    }
  }

  private static Nml.Tree withGroup(Nml.Tree t, int groupId) {
    return new Nml.Tree(
        t.id(), t.color(), t.name(), groupId, t.type(), t.isVisible(), t.nodes(), t.edges());
  }

  /** Merging two annotations with volume layers MUST give one skeleton and one volume layer. */
  @Test
  public void mergeOfTwoHybridsHasOneVolumeLayer() {
    String copy =
        ok(as('A').post("/annotations/Explorational/" + EXPLORATIONAL_VOLUME + "/duplicate"))
            .path("id")
            .asString();
    JsonNode merged =
        ok(
            as('A')
                .post(
                    "/annotations/Explorational/"
                        + EXPLORATIONAL_VOLUME
                        + "/merge/Explorational/"
                        + copy));
    assertEquals(layerTypes(merged), List.of("Skeleton", "Volume"), merged.toString());
  }

  /** Merge MUST need a login (401), readable annotations (404) and well-formed ids (400). */
  @Test
  public void mergeErrors() {
    String expl = uploadSingle("m4.nml", chain(1, "d1", 1, 2));
    assertError(
        anonymous().post("/annotations/Explorational/" + expl + "/merge/Explorational/" + expl),
        401);
    assertError(
        as('A').post("/annotations/Explorational/" + expl + "/merge/Explorational/" + UNKNOWN_ID),
        404);
    assertError(
        as('A').post("/annotations/Explorational/" + UNKNOWN_ID + "/merge/Explorational/" + expl),
        404);
    assertError(
        as('A').post("/annotations/Explorational/" + expl + "/merge/Explorational/xyz"), 400);
    assertError(as('A').post("/annotations/Explorational/" + expl + "/merge/Bogus/" + expl), 400);
    assertError(
        as('E')
            .post(
                "/annotations/Explorational/"
                    + EXPLORATIONAL_1
                    + "/merge/Explorational/"
                    + EXPLORATIONAL_PUBLIC),
        404);
  }
}
