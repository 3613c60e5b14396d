package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
import org.wkcheck.nml.Nml;
import tools.jackson.databind.JsonNode;

/**
 * Copies of annotations: {@code POST /annotations/:typ/:id/duplicate} and {@code POST
 * /annotations/:typ/:id/merge/:mergedTyp/:mergedId} for task and explorative annotations. Compound
 * types: {@link CompoundAnnotationsConformance}.
 */
public class AnnotationCopiesConformance extends AnnotationSupport {

  /**
   * POST /annotations/Explorational/:id/duplicate MUST answer 200 with a new annotation (an id
   * other than :id) that belongs to the caller: listed by GET /user/annotations or GET /user/tasks.
   */
  @Test
  @Requirement({
    "annotations.duplicate.creates-copy",
    "annotations.duplicate.to-callers-account",
    "annotations.duplicate.path-params"
  })
  public void duplicateOfAnExplorationalIsANewAnnotationOfTheCaller() {
    String source = upload(nmlWithTrees(1));
    copiedToTheCaller(EXPLORATIONAL, source);
  }

  /**
   * POST /annotations/Task/:id/duplicate MUST answer 200 with a new annotation (an id other than
   * :id) that belongs to the caller: listed by GET /user/annotations or GET /user/tasks.
   */
  @Test
  @Requirement({
    "annotations.duplicate.creates-copy",
    "annotations.duplicate.to-callers-account",
    "annotations.duplicate.path-params"
  })
  public void duplicateOfATaskAnnotationIsANewAnnotationOfTheCaller() {
    copiedToTheCaller(TASK, taskAnnotation().annotationId());
  }

  private void copiedToTheCaller(String typ, String source) {
    JsonNode copy = duplicate(typ, source);
    String id = copy.path("id").asString();
    that(
        !id.equals(source), "Duplicate creates a new annotation", "an id other than " + source, id);
    Set<String> own = new LinkedHashSet<>(ownExplorationals());
    own.addAll(ownIds("/user/tasks", null));
    that(
        own.contains(id),
        "The duplicate belongs to the caller",
        "GET /user/annotations or /user/tasks lists " + id,
        "neither does");
  }

  /**
   * The annotation created by POST .../duplicate MUST belong to the caller, not to the owner of the
   * source: a plain member who duplicates the main user's annotation MUST find the copy in the
   * member's own GET /user/annotations, and the main user MUST NOT find it in theirs.
   */
  @Test
  @Requirement("annotations.duplicate.to-callers-account")
  public void duplicateGoesToTheCallersAccountNotTheOwners() {
    String source = upload(nmlWithTrees(1));
    if (api.as(Role.MEMBER).get(at(EXPLORATIONAL, source, "info")).statusCode() != 200) {
      throw new SkipException(
          "a member of the world's team cannot read the main user's new annotation, so cannot"
              + " duplicate it");
    }
    Response r = api.as(Role.MEMBER).post(at(EXPLORATIONAL, source, "duplicate"));
    String id = r.statusCode() == 200 ? json(r).path("id").asString() : "";
    if (!id.isEmpty() && !id.equals(source)) {
      fixtures.explorational(id);
    }
    try {
      JsonNode copy = ok(r, ANNOTATION);
      that(!id.equals(source), "Duplicate creates a new annotation", "a new id", copy);
      Response mine = api.as(Role.MEMBER).get("/user/annotations");
      status(mine, 200);
      Set<String> memberIds = new LinkedHashSet<>();
      json(mine).forEach(a -> memberIds.add(a.path("id").asString()));
      that(
          memberIds.contains(id),
          "The duplicate belongs to the caller",
          "the member's GET /user/annotations lists " + id,
          "it does not");
      that(
          !ownExplorationals().contains(id),
          "The duplicate does not belong to the source's owner",
          "the main user's GET /user/annotations does not list " + id,
          "it does");
    } finally {
      if (!id.isEmpty() && !id.equals(source)) {
        // the member's copy is the suite's; the member removes it (set-up route, as fixtures do)
        api.as(Role.MEMBER).delete("/annotations/Explorational/" + id);
      }
    }
  }

  /**
   * POST /annotations/Explorational/:id/merge/Explorational/:mergedId MUST answer 200 and create a
   * new explorative annotation of the caller (listed by GET /user/annotations, an id other than
   * both) whose download contains the trees of both annotations.
   */
  @Test
  @Requirement({
    "annotations.merge.creates-explorational",
    "annotations.merge.content-of-both",
    "annotations.merge.path-params-first",
    "annotations.merge.path-params-second"
  })
  public void mergeOfTwoExplorationalsHoldsBoth() {
    Nml first = nmlWithTrees(2);
    Nml second = nmlWithTrees(1);
    String a = upload(first);
    String b = upload(second);
    String merged = merge(EXPLORATIONAL, a, EXPLORATIONAL, b);
    Nml content = content(EXPLORATIONAL, merged);
    holdsAll(content, first.trees(), "Merge holds the trees of the first annotation");
    holdsAll(content, second.trees(), "Merge holds the trees of the second annotation");
  }

  /**
   * POST .../merge MUST accept Task with an annotation id as :typ/:id and as :mergedTyp/:mergedId,
   * and the new explorative annotation MUST hold the trees of both.
   *
   * <p>Merges a task annotation (made from an NML with a tree of its own) with an explorational,
   * both ways round.
   */
  @Test
  @Requirement({
    "annotations.merge.creates-explorational",
    "annotations.merge.content-of-both",
    "annotations.merge.path-params-first",
    "annotations.merge.path-params-second"
  })
  public void mergeOfATaskAnnotationAndAnExplorationalHoldsBoth() {
    TaskItem t = taskAnnotation();
    Nml upload = nmlWithTrees(1);
    String e = upload(upload);
    for (String[] pair :
        List.of(
            new String[] {TASK, t.annotationId(), EXPLORATIONAL, e},
            new String[] {EXPLORATIONAL, e, TASK, t.annotationId()})) {
      String merged = merge(pair[0], pair[1], pair[2], pair[3]);
      Nml content = content(EXPLORATIONAL, merged);
      holdsAll(content, List.of(t.tree()), "Merge holds the trees of the task annotation");
      holdsAll(content, upload.trees(), "Merge holds the trees of the explorative annotation");
    }
  }
}
