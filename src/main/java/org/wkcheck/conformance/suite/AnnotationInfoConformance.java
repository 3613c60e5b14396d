package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.notServerError;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /annotations/:typ/:id/info} for single annotations, and the enumeration of {@code
 * :typ} on every route that takes it as the info route does. Compound types: {@link
 * CompoundAnnotationsConformance}.
 */
public class AnnotationInfoConformance extends AnnotationSupport {

  /**
   * GET /annotations/Explorational/:id/info MUST answer 200 with the annotation information of the
   * explorative annotation with that id.
   *
   * <p>Uploads an NML as a new explorational, then reads its info.
   */
  @Test
  @Requirement({"annotations.info.returns-annotation", "annotations.info.typ-explorational"})
  public void explorationalInfoDescribesTheAnnotation() {
    String id = upload(nmlWithTrees(1));
    JsonNode a = info(EXPLORATIONAL, id);
    equal(a.path("id").asString(), id, "Info answers the requested annotation (id)");
    equal(a.path("typ").asString(), EXPLORATIONAL, "Info of an explorative annotation (typ)");
  }

  /**
   * GET /annotations/Task/:id/info MUST answer 200 with the annotation information of the task
   * annotation with that id.
   *
   * <p>Takes a task annotation of a fresh project, then reads its info.
   */
  @Test
  @Requirement({"annotations.info.returns-annotation", "annotations.info.typ-task"})
  public void taskAnnotationInfoDescribesTheAnnotation() {
    TaskItem t = taskAnnotation();
    JsonNode a = info(TASK, t.annotationId());
    equal(a.path("id").asString(), t.annotationId(), "Info answers the requested annotation (id)");
    equal(a.path("typ").asString(), TASK, "Info of a task annotation (typ)");
  }

  /**
   * A :typ that is none of the five documented ones MUST be refused with a 4xx (never a 5xx) on
   * info, download, duplicate and merge (as :typ and as :mergedTyp), and MUST NOT create an
   * annotation.
   *
   * <p>Uploads an explorational, sends each route with {@code NoSuchTyp} and the upload's id, then
   * compares the caller's explorative annotations with those before.
   */
  @Test
  @Requirement("annotations.info.typ-unknown-refused")
  public void unknownTypIsRefusedOnEveryRoute() {
    String id = upload(nmlWithTrees(1));
    Set<String> before = ownExplorationals();
    String bad = "NoSuchTyp";
    Response info = api.as(Role.USER).get(at(bad, id, "info"));
    notServerError(info);
    refused(info);
    Response download = api.as(Role.USER).get(at(bad, id, "download"));
    notServerError(download);
    refused(download);
    Response duplicate = api.as(Role.USER).post(at(bad, id, "duplicate"));
    notServerError(duplicate);
    refused(duplicate);
    Response mergeFirst = api.as(Role.USER).post(at(bad, id, "merge/" + EXPLORATIONAL + "/" + id));
    notServerError(mergeFirst);
    refused(mergeFirst);
    Response mergeSecond = api.as(Role.USER).post(at(EXPLORATIONAL, id, "merge/" + bad + "/" + id));
    notServerError(mergeSecond);
    refused(mergeSecond);
    Set<String> created = new LinkedHashSet<>(ownExplorationals());
    created.removeAll(before);
    created.forEach(fixtures::explorational);
    that(
        created.isEmpty(),
        "Refused requests create no annotation",
        "no new explorative annotation of the caller",
        created);
  }
}
