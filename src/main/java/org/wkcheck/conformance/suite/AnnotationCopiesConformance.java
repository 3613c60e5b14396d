package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.nml.Nml;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * Copies of annotations: {@code POST /annotations/:typ/:id/duplicate} and {@code POST
 * /annotations/:typ/:id/merge/:mergedTyp/:mergedId} for task and explorative annotations. Compound
 * types: {@link CompoundAnnotationsConformance}.
 */
public class AnnotationCopiesConformance extends AnnotationSupport {

  @DataProvider
  public static Object[][] typs() {
    return rows(EXPLORATIONAL, TASK);
  }

  /**
   * POST /annotations/Explorational/:id/duplicate and POST /annotations/Task/:id/duplicate MUST
   * answer 200 with a new annotation (an id other than :id) that belongs to the caller: listed by
   * GET /user/annotations or GET /user/tasks.
   */
  @Test(dataProvider = "typs")
  @Requirement({
    "annotations.duplicate.creates-copy",
    "annotations.duplicate.to-callers-account",
    "annotations.duplicate.path-params"
  })
  public void duplicateIsANewAnnotationOfTheCaller(String typ) {
    copiedToTheCaller(typ, annotationOf(typ));
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
   * The answer of POST /annotations/Explorational/:id/duplicate and POST
   * /annotations/Task/:id/duplicate MUST be the copy in the caller's account: typ Explorational,
   * its user (and owner, where given) the caller, on the source's dataset.
   */
  @Test(dataProvider = "typs")
  @Requirement("annotations.duplicate.answer-explorational-of-caller")
  public void duplicateAnswerIsAnExplorationalOfTheCaller(String typ) {
    String source = annotationOf(typ);
    String dataset = info(typ, source).path("dataSetName").asString();
    String me = fixtures.mainUser().path("id").asString();
    JsonNode copy = duplicate(typ, source);
    equal(copy.path("typ").asString(), EXPLORATIONAL, "The duplicate is an explorative annotation");
    equal(copy.path("user").path("id").asString(), me, "The duplicate's user is the caller");
    if (copy.path("owner").isObject()) {
      equal(copy.path("owner").path("id").asString(), me, "The duplicate's owner is the caller");
    }
    equal(copy.path("dataSetName").asString(), dataset, "The duplicate is on the source's dataset");
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

  /** The typs merged: :typ and :mergedTyp. */
  @DataProvider
  public static Object[][] mergedTyps() {
    return new Object[][] {
      {EXPLORATIONAL, EXPLORATIONAL}, {TASK, EXPLORATIONAL}, {EXPLORATIONAL, TASK},
    };
  }

  /**
   * POST /annotations/:typ/:id/merge/:mergedTyp/:mergedId MUST accept Explorational and Task with
   * an annotation id of that kind as :typ/:id and as :mergedTyp/:mergedId, answer 200 and create a
   * new explorative annotation of the caller (listed by GET /user/annotations, an id other than
   * both) whose download contains the trees of both annotations.
   *
   * <p>Each side: an upload of an NML with two trees (one for the second side), or a task
   * annotation made from an NML with a tree of its own.
   */
  @Test(dataProvider = "mergedTyps")
  @Requirement({
    "annotations.merge.creates-explorational",
    "annotations.merge.content-of-both",
    "annotations.merge.path-params-first",
    "annotations.merge.path-params-second"
  })
  public void mergeHoldsBoth(String typ, String mergedTyp) {
    Source first = source(typ, 2);
    Source second = source(mergedTyp, 1);
    Nml content = content(EXPLORATIONAL, merge(typ, first.id(), mergedTyp, second.id()));
    holdsAll(content, first.trees(), "Merge holds the trees of the first annotation");
    holdsAll(content, second.trees(), "Merge holds the trees of the second annotation");
  }

  /** An annotation of the main user and the trees it holds. */
  private record Source(String id, List<Nml.Tree> trees) {}

  /** A task annotation, or an explorational uploaded with that many trees. */
  private Source source(String typ, int trees) {
    if (TASK.equals(typ)) {
      TaskItem t = taskAnnotation();
      return new Source(t.annotationId(), List.of(t.tree()));
    }
    Nml nml = nmlWithTrees(trees);
    return new Source(upload(nml), nml.trees());
  }
}
