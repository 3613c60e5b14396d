package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.keeps;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.suite.TaskProjectSupport.PROJECT;
import static org.wkcheck.conformance.suite.TaskProjectSupport.PROJECT_LIST;
import static org.wkcheck.conformance.suite.TaskProjectSupport.PROJECT_WITH_STATUS_LIST;
import static org.wkcheck.conformance.suite.TaskProjectSupport.ids;
import static org.wkcheck.conformance.suite.TaskProjectSupport.set;

import io.restassured.response.Response;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.suite.TaskProjectSupport.Made;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /projects}, {@code GET /projects/assignments}, {@code POST /projects} and {@code
 * GET/PUT/DELETE /projects/:name}.
 */
public class ProjectsConformance extends TaskProjectTest {
  /** How many listed projects one test reads back per role, to keep the load low. */
  private static final int READ_BACK_LIMIT = 100;

  /**
   * Creates a project with POST /projects from the default body changed by {@code change} and
   * checks that a property of it, read by {@code value}, is {@code expected}: in the answer (right
   * after it) and from GET /projects/:name.
   */
  private void createAndCheck(
      Consumer<ObjectNode> change, String what, Function<JsonNode, Object> value, Object expected) {
    ObjectNode body = fixtures.projectBody(fixtures.name("pc"), 10);
    change.accept(body);
    JsonNode answer = ok(s.createProject(body), PROJECT);
    equal(value.apply(answer), expected, "POST /projects answers the given " + what);
    JsonNode read = ok(s.getProject(body.path("name").asString()), PROJECT);
    equal(value.apply(read), expected, "GET /projects/:name shows the given " + what);
  }

  /** GET /projects MUST answer 200 with a JSON list of project information (a new one included). */
  @Test
  @Requirement("projects.list.returns-projects")
  public void projectListShowsProjects() {
    Made p = s.project();
    JsonNode list = ok(s.user().get("/projects"), PROJECT_LIST);
    that(
        ids(list).contains(p.id()),
        "GET /projects lists a project the caller can read",
        "project " + p.name(),
        "not listed");
  }

  /**
   * GET /projects MUST list only projects the caller can read: each listed project is readable by
   * the same caller with GET /projects/:name (checked for every role whose token is given, up to
   * 100 projects each).
   */
  @Test
  @Requirement("projects.list.read-access")
  public void listedProjectsAreReadable() {
    for (Role role : roles()) {
      JsonNode list = ok(api.as(role).get("/projects"), PROJECT_LIST);
      int n = 0;
      for (JsonNode p : list) {
        if (n++ >= READ_BACK_LIMIT) {
          break;
        }
        String name = p.path("name").asString();
        JsonNode read = ok(api.as(role).get("/projects/{name}", name), PROJECT);
        equal(
            read.path("id").asString(),
            p.path("id").asString(),
            "A project GET /projects lists for " + role + " is readable by " + role);
      }
    }
  }

  /**
   * GET /projects/assignments MUST answer 200 with a JSON list of project information, each with
   * numberOfOpenAssignments (a new project included).
   */
  @Test
  @Requirement("projects.assignments.returns-projects")
  public void assignmentsShowProjectsWithOpenAssignments() {
    Made p = s.project();
    that(
        s.assignmentsEntry(p.id()) != null,
        "GET /projects/assignments lists a project the caller can read",
        "project " + p.name(),
        "not listed");
  }

  /**
   * GET /projects/assignments MUST list the same projects as GET /projects (checked for every role
   * whose token is given).
   */
  @Test
  @Requirement("projects.assignments.same-projects")
  public void assignmentsListTheSameProjects() {
    s.project();
    for (Role role : roles()) {
      JsonNode plain = ok(api.as(role).get("/projects"), PROJECT_LIST);
      JsonNode assigned = ok(api.as(role).get("/projects/assignments"), PROJECT_WITH_STATUS_LIST);
      equal(
          set(ids(assigned)),
          set(ids(plain)),
          "GET /projects/assignments lists the projects of GET /projects (" + role + ")");
    }
  }

  /**
   * POST /projects MUST create the project under the given name and answer 200 with its information
   * including its id; GET /projects/:name then finds it.
   */
  @Test
  @Requirement({"projects.create.returns-project", "projects.create.name"})
  public void createAnswersTheNewProject() {
    String name = fixtures.name("pc");
    JsonNode answer = ok(s.createProject(fixtures.projectBody(name, 10)), PROJECT);
    equal(answer.path("name").asString(), name, "POST /projects answers the given name");
    String id = answer.path("id").asString();
    that(!id.isEmpty(), "The answer has the new id", "an id", answer);
    equal(
        ok(s.getProject(name), PROJECT).path("id").asString(),
        id,
        "GET /projects/:name finds the new project by its name");
  }

  /** POST /projects MUST assign the project to the team whose id is given in team. */
  @Test
  @Requirement("projects.create.team")
  public void createAssignsTheTeam() {
    createAndCheck(
        b -> b.put("team", world.team()), "team", p -> p.path("team").asString(), world.team());
  }

  /** POST /projects MUST create the project with the given priority. */
  @Test
  @Requirement("projects.create.priority")
  public void createUsesThePriority() {
    createAndCheck(b -> b.put("priority", 42), "priority", p -> p.path("priority").asLong(), 42L);
  }

  /** POST /projects MUST create the project paused when paused is true, not paused when false. */
  @Test
  @Requirement("projects.create.paused")
  public void createUsesThePausedFlag() {
    for (boolean paused : new boolean[] {true, false}) {
      createAndCheck(
          b -> b.put("paused", paused),
          "paused " + paused,
          p -> p.path("paused").isBoolean() ? p.path("paused").asBoolean() : null,
          paused);
    }
  }

  /** POST /projects MUST create the project with the time limit given in expectedTime. */
  @Test
  @Requirement("projects.create.expected-time")
  public void createUsesTheExpectedTime() {
    createAndCheck(
        b -> b.put("expectedTime", 1_234_567),
        "expectedTime",
        p -> p.path("expectedTime").asLong(),
        1_234_567L);
  }

  /**
   * POST /projects MUST make the user given in owner the project's owner (another user of the
   * organization when a manager's or member's token is given, else the main user).
   */
  @Test
  @Requirement("projects.create.owner")
  public void createUsesTheOwner() {
    String owner = s.ownerCandidate();
    createAndCheck(
        b -> b.put("owner", owner), "owner", p -> p.path("owner").path("id").asString(), owner);
  }

  /**
   * POST /projects MUST create the project with the given isBlacklistedFromReport (both values).
   */
  @Test
  @Requirement("projects.create.is-blacklisted-from-report")
  public void createUsesTheBlacklistFlag() {
    for (boolean flag : new boolean[] {true, false}) {
      createAndCheck(
          b -> b.put("isBlacklistedFromReport", flag),
          "isBlacklistedFromReport " + flag,
          p ->
              p.path("isBlacklistedFromReport").isBoolean()
                  ? p.path("isBlacklistedFromReport").asBoolean()
                  : null,
          flag);
    }
  }

  /**
   * POST /projects SHOULD refuse with a 4xx, and create nothing, a body that lacks any of its seven
   * fields, none of which the document marks optional. (webKnossos itself accepts a body without
   * paused or expectedTime, a departure this test reports.)
   */
  @Test
  @Requirement("projects.create.required-fields")
  public void projectBodyWithoutARequiredFieldIsRefused() {
    for (String field :
        List.of(
            "name",
            "team",
            "priority",
            "paused",
            "expectedTime",
            "owner",
            "isBlacklistedFromReport")) {
      String name = fixtures.name("pc");
      ObjectNode body = fixtures.projectBody(name, 10);
      body.remove(field);
      refused(s.createProject(body));
      if (!field.equals("name")) {
        s.adopt(name);
        Response read = s.getProject(name);
        that(
            read.statusCode() >= 400 && read.statusCode() < 500,
            "No project is created without " + field,
            "GET /projects/:name refused",
            read.statusCode());
      }
    }
  }

  /** GET /projects/:name MUST answer 200 with the information of the project with that name. */
  @Test
  @Requirement("projects.read.returns-project")
  public void readAnswersTheProject() {
    Made p = s.project();
    JsonNode read = ok(s.getProject(p.name()), PROJECT);
    equal(
        read.path("name"),
        p.json().path("name"),
        "GET /projects/:name answers that project's name");
    equal(read.path("id"), p.json().path("id"), "GET /projects/:name answers that project's id");
  }

  /**
   * DELETE /projects/:name MUST answer 200 and delete the project: GET /projects/:name is then
   * refused and GET /projects does not list it.
   */
  @Test
  @Requirement("projects.delete.removes-project")
  public void deleteRemovesTheProject() {
    Made p = s.project();
    String name = p.name();
    deleteProject(name);
    refused(s.getProject(name));
    JsonNode list = ok(s.user().get("/projects"), PROJECT_LIST);
    that(
        !ids(list).contains(p.id()),
        "GET /projects no longer lists the deleted project",
        "not listed",
        "project " + name);
  }

  /** DELETE /projects/:name MUST also delete the project's tasks: GET /tasks/:id is refused. */
  @Test
  @Requirement("projects.delete.removes-tasks")
  public void deleteRemovesTheProjectsTasks() {
    String name = s.projectName();
    List<String> tasks = s.tasks(name, 2);
    deleteProject(name);
    for (String id : tasks) {
      refused(s.user().get("/tasks/{id}", id));
    }
  }

  /**
   * DELETE /projects/:name MUST also delete the annotations of the project's tasks.
   *
   * <p>Steps: get a task annotation of the main user; delete its project; read the annotation.
   */
  @Test
  @Requirement("projects.delete.removes-annotations")
  public void deleteRemovesTheTaskAnnotations() {
    s.removesTheAnnotation(annotation -> deleteProject(annotation.projectName()));
  }

  /**
   * PUT /projects/:name MUST take a body like POST /projects and answer 200 with the information of
   * the updated project.
   */
  @Test
  @Requirement("projects.update.returns-project")
  public void updateAnswersTheProject() {
    Made p = s.project();
    String name = p.name();
    JsonNode answer = ok(put(name, fixtures.projectBody(name, 7)), PROJECT);
    equal(answer.path("id"), p.json().path("id"), "The answer is the updated project");
    equal(answer.path("name").asString(), name, "The project keeps its name");
  }

  /**
   * PUT /projects/:name MUST update the project to the body's values (here priority, expectedTime
   * and isBlacklistedFromReport), as the answer and a later GET /projects/:name show.
   */
  @Test
  @Requirement("projects.update.fields-applied")
  public void updateAppliesTheBody() {
    String name = s.projectName();
    ObjectNode body = fixtures.projectBody(name, 7);
    body.put("expectedTime", 7_654_321);
    body.put("isBlacklistedFromReport", true);
    checkUpdated(ok(put(name, body), PROJECT), "the answer");
    checkUpdated(ok(s.getProject(name), PROJECT), "GET /projects/:name");
  }

  /**
   * The answer of PUT /projects/:name MUST keep what the body does not change: sent with the
   * project's own name, team, owner and paused flag (and another priority, expectedTime and
   * isBlacklistedFromReport), it shows the project's id, name, team, owner, paused flag and
   * creation time as GET /projects/:name showed them before. Checked on the answer itself.
   */
  @Test
  @Requirement("projects.update.answer-keeps-other-fields")
  public void updateAnswerKeepsTheFieldsNotChanged() {
    String name = s.projectName();
    JsonNode before = ok(s.getProject(name), PROJECT);
    ObjectNode body = fixtures.projectBody(name, 7);
    body.put("expectedTime", 7_654_321);
    body.put("isBlacklistedFromReport", true);
    keeps(
        before,
        ok(put(name, body), PROJECT),
        "PUT /projects/:name answers the project with every field not updated as before",
        "priority",
        "expectedTime",
        "isBlacklistedFromReport");
  }

  private static void checkUpdated(JsonNode shown, String where) {
    equal(shown.path("priority").asLong(), 7L, "priority is updated (" + where + ")");
    equal(
        shown.path("expectedTime").asLong(), 7_654_321L, "expectedTime is updated (" + where + ")");
    equal(
        shown.path("isBlacklistedFromReport").asBoolean(false),
        true,
        "isBlacklistedFromReport is updated (" + where + ")");
  }

  /** DELETE /projects/:name as the main user, which MUST answer 200. */
  private void deleteProject(String name) {
    status(s.user().delete("/projects/{name}", name), 200);
  }

  private Response put(String name, ObjectNode body) {
    return s.user()
        .contentType("application/json")
        .body(body.toString())
        .put("/projects/{name}", name);
  }
}
