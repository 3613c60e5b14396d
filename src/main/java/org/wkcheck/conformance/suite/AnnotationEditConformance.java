package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.RequirementScope.row;
import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.keeps;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refusedNever5xx;
import static org.wkcheck.conformance.checks.Checks.sameObject;
import static org.wkcheck.conformance.checks.Checks.that;

import java.util.ArrayList;
import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.RequirementScope.Row;
import org.wkcheck.conformance.checks.Stable;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code PATCH /annotations/:typ/:id/edit}: name, description, isPublic, tags. */
public class AnnotationEditConformance extends AnnotationSupport {

  /**
   * PATCH /annotations/:typ/:id/edit MUST accept Task and Explorational with an annotation id of
   * that kind: it answers 200 with that annotation (same id).
   */
  @Test
  @Requirement("annotations.edit.typ-task-or-explorational")
  public void editAcceptsTaskAndExplorational() {
    for (Ref a : explorationalAndTask()) {
      JsonNode answer = edited(a.typ(), a.id(), object().put("description", fixtures.name("d")));
      equal(
          answer.path("id").asString(), a.id(), "Edit of a " + a.typ() + " annotation answers it");
    }
  }

  /**
   * PATCH /annotations/:typ/:id/edit MUST answer 200 with the edited annotation (same id) showing
   * the edited values as sent (name, description, every tag sent), for an explorative and a task
   * annotation.
   */
  @Test
  @Requirement("annotations.edit.returns-annotation")
  public void editAnswersTheEditedAnnotation() {
    for (Ref a : explorationalAndTask()) {
      String name = fixtures.name("edited");
      String description = "wkcheck description " + name;
      String tag = fixtures.name("tag");
      JsonNode answer =
          edited(a.typ(), a.id(), tags(tag).put("name", name).put("description", description));
      equal(answer.path("id").asString(), a.id(), "Edit answers the edited annotation (id)");
      equal(answer.path("name").asString(), name, "Edit answer shows the edited name");
      equal(
          answer.path("description").asString(),
          description,
          "Edit answer shows the edited description");
      that(
          tags(answer).contains(tag),
          "Edit answer shows the edited tags",
          "tags containing " + tag,
          tags(answer));
    }
  }

  /**
   * The answer of PATCH .../edit MUST show every field the body does not change as it was before
   * the edit: after an edit of name and description, its id, typ, state, owner, dataset,
   * visibility, tags and the rest as GET .../info showed them before (instants of use apart). For
   * an explorative annotation with tags of its own and for a task annotation.
   */
  @Test
  @Requirement("annotations.edit.answer-keeps-other-fields")
  public void editAnswerKeepsTheFieldsNotEdited() {
    String explorational = upload(nmlWithTrees(1));
    edited(EXPLORATIONAL, explorational, tags(fixtures.name("tag")));
    for (Ref a :
        List.of(
            new Ref(EXPLORATIONAL, explorational),
            new Ref(TASK, taskAnnotation().annotationId()))) {
      JsonNode before = info(a.typ(), a.id());
      String name = fixtures.name("edited");
      JsonNode answer =
          edited(a.typ(), a.id(), object().put("name", name).put("description", "wkcheck " + name));
      keeps(
          before,
          answer,
          "The edit answer keeps every field not edited (" + a.typ() + ")",
          "name",
          "description");
    }
  }

  @DataProvider
  public static Object[][] fields() {
    return rows(
        row("name", "annotations.edit.name"), row("description", "annotations.edit.description"));
  }

  /**
   * PATCH .../edit with "name" MUST set the annotation's name, with "description" its description,
   * as GET .../info then shows, for an explorative and for a task annotation.
   */
  @Test(dataProvider = "fields")
  @Requirement({"annotations.edit.name", "annotations.edit.description"})
  public void editSetsTheField(Row field) {
    editsField(field.value(), EXPLORATIONAL, upload(nmlWithTrees(1)));
    editsField(field.value(), TASK, taskAnnotation().annotationId());
  }

  private void editsField(String field, String typ, String id) {
    String value = fixtures.name(field);
    edit(typ, id, object().put(field, value));
    equal(info(typ, id).path(field).asString(), value, "Info shows the edited " + field);
  }

  /**
   * PATCH .../edit MUST accept an empty object and change nothing, and fields left out MUST keep
   * their values.
   *
   * <p>Sets name, description and tags; sends {@code {}}; then sends only a new description.
   */
  @Test
  @Requirement("annotations.edit.fields-optional")
  public void editLeavesAbsentFieldsUnchanged() {
    String id = upload(nmlWithTrees(1));
    ObjectNode all = tags(fixtures.name("tag"));
    all.put("name", fixtures.name("kept")).put("description", "first description");
    edited(EXPLORATIONAL, id, all);
    JsonNode before = info(EXPLORATIONAL, id);

    edited(EXPLORATIONAL, id, object());
    sameObject(before, info(EXPLORATIONAL, id), "An empty edit changes nothing");

    edited(EXPLORATIONAL, id, object().put("description", "second description"));
    JsonNode later = info(EXPLORATIONAL, id);
    equal(later.path("description").asString(), "second description", "Info shows the description");
    sameObject(
        Stable.except(before, "description"),
        Stable.except(later, "description"),
        "An edit of the description alone keeps every other field");
  }

  /**
   * PATCH .../edit with "tags" MUST make that list the annotation's tags: info MUST show every
   * given tag, and a tag left out of a later edit MUST no longer be shown.
   */
  @Test
  @Requirement("annotations.edit.tags")
  public void editTagsReplacesTheTagList() {
    String id = upload(nmlWithTrees(1));
    String first = fixtures.name("tag");
    String second = fixtures.name("tag");
    edited(EXPLORATIONAL, id, tags(first, second));
    List<String> tags = tags(info(EXPLORATIONAL, id));
    that(
        tags.contains(first) && tags.contains(second),
        "Info shows every edited tag",
        "tags containing " + first + " and " + second,
        tags);

    edited(EXPLORATIONAL, id, tags(second));
    tags = tags(info(EXPLORATIONAL, id));
    that(
        tags.contains(second) && !tags.contains(first),
        "A tag left out of an edit is no longer shown",
        "tags containing " + second + " but not " + first,
        tags);
  }

  /** An edit body with these tags. */
  private static ObjectNode tags(String... tags) {
    ObjectNode o = object();
    ArrayNode list = o.putArray("tags");
    List.of(tags).forEach(list::add);
    return o;
  }

  private static List<String> tags(JsonNode annotation) {
    List<String> out = new ArrayList<>();
    annotation.path("tags").forEach(t -> out.add(t.asString()));
    return out;
  }

  /**
   * A new explorational upload, checked to be unreadable by a user of another organization, then
   * edited with "isPublic": true; its id.
   */
  private String uploadSharedPublicly() {
    String id = upload(nmlWithTrees(1));
    unreadableByOtherOrganization(id);
    edited(EXPLORATIONAL, id, object().put("isPublic", true));
    return id;
  }

  /**
   * PATCH .../edit with "isPublic": true MUST share the annotation publicly: a user of another
   * organization MUST then be able to read its info.
   *
   * <p>Checks first that the other organization's user cannot read the new upload.
   */
  @Test
  @Requirement("annotations.edit.is-public-true")
  public void editIsPublicTrueSharesTheAnnotation() {
    String id = uploadSharedPublicly();
    JsonNode seen = ok(api.as(Role.OTHER_ORG).get(at(EXPLORATIONAL, id, "info")), ANNOTATION);
    equal(seen.path("id").asString(), id, "A public annotation is readable by anyone (id)");
  }

  /**
   * PATCH .../edit with "isPublic": false MUST stop sharing the annotation: a user of another
   * organization MUST then be refused its info with a 4xx.
   *
   * <p>Shares a new upload publicly first (and checks that it is then readable).
   */
  @Test
  @Requirement("annotations.edit.is-public-false")
  public void editIsPublicFalseStopsSharing() {
    String id = uploadSharedPublicly();
    if (api.as(Role.OTHER_ORG).get(at(EXPLORATIONAL, id, "info")).statusCode() != 200) {
      throw new SkipException(
          "sharing with isPublic true did not make the annotation readable by another"
              + " organization (see annotations.edit.is-public-true), so ending it cannot be seen");
    }
    edited(EXPLORATIONAL, id, object().put("isPublic", false));
    refusedNever5xx(api.as(Role.OTHER_ORG).get(at(EXPLORATIONAL, id, "info")));
  }

  private void unreadableByOtherOrganization(String id) {
    int s = api.as(Role.OTHER_ORG).get(at(EXPLORATIONAL, id, "info")).statusCode();
    if (s < 400 || s > 499) {
      throw new SkipException(
          "a new upload is readable by a user of another organization (status "
              + s
              + "), so whether it is shared cannot be seen");
    }
  }

  /**
   * PATCH .../edit with a compound :typ (CompoundTask, CompoundProject) MUST be refused with a 4xx
   * and MUST NOT change any data.
   *
   * <p>Uses the task and project of a task annotation of the suite, then reads that annotation.
   */
  @Test
  @Requirement("annotations.edit.compound-typ-refused")
  public void editOfACompoundTypIsRefused() {
    TaskWork w = taskWork(1);
    String annotation = w.get(0).annotationId();
    JsonNode before = info(TASK, annotation);
    for (Ref compound : compounds(w)) {
      refusedNever5xx(
          edit(compound.typ(), compound.id(), object().put("name", fixtures.name("c"))));
    }
    sameObject(before, info(TASK, annotation), "A refused edit changes no annotation");
  }
}
