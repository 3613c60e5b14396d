package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.RequirementScope.row;
import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.refusedNever5xx;

import java.util.Set;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.RequirementScope.Row;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /annotations/:typ/:id/info} for single annotations, and the enumeration of {@code
 * :typ} on every route that takes it as the info route does. Compound types: {@link
 * CompoundAnnotationsConformance}.
 */
public class AnnotationInfoConformance extends AnnotationSupport {

  @DataProvider
  public static Object[][] typs() {
    String returns = "annotations.info.returns-annotation";
    return rows(
        row(EXPLORATIONAL, returns, "annotations.info.typ-explorational"),
        row(TASK, returns, "annotations.info.typ-task"));
  }

  /**
   * GET /annotations/Explorational/:id/info MUST answer 200 with the annotation information of the
   * explorative annotation with that id; GET /annotations/Task/:id/info that of the task
   * annotation.
   *
   * <p>Uploads an NML as a new explorational, or takes a task annotation of a fresh project; then
   * reads its info.
   */
  @Test(dataProvider = "typs")
  @Requirement({
    "annotations.info.returns-annotation",
    "annotations.info.typ-explorational",
    "annotations.info.typ-task"
  })
  public void infoDescribesTheAnnotation(Row typ) {
    String id = annotationOf(typ.value());
    JsonNode a = info(typ.value(), id);
    equal(a.path("id").asString(), id, "Info answers the requested annotation (id)");
    equal(a.path("typ").asString(), typ.value(), "Info of an annotation of that typ (typ)");
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
    refusedNever5xx(api.as(Role.ADMIN).get(at(bad, id, "info")));
    refusedNever5xx(api.as(Role.ADMIN).get(at(bad, id, "download")));
    refusedNever5xx(api.as(Role.ADMIN).post(at(bad, id, "duplicate")));
    refusedNever5xx(api.as(Role.ADMIN).post(at(bad, id, "merge/" + EXPLORATIONAL + "/" + id)));
    refusedNever5xx(api.as(Role.ADMIN).post(at(EXPLORATIONAL, id, "merge/" + bad + "/" + id)));
    noExplorationalSince(before, "Refused requests create no annotation");
  }
}
