package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.sameObject;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.suite.TaskProjectSupport.TASK_LIST;
import static org.wkcheck.conformance.suite.TaskProjectSupport.ids;
import static org.wkcheck.conformance.suite.TaskProjectSupport.object;
import static org.wkcheck.conformance.suite.TaskProjectSupport.set;

import io.restassured.response.Response;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.suite.TaskProjectSupport.Made;
import org.wkcheck.conformance.suite.TaskProjectSupport.TaskAnnotation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /tasks/list}: searching tasks, checked against the tasks the suite creates. */
public class TaskListConformance extends TaskProjectTest {
  private static final int CAP = 1000;

  private static ObjectNode query(String field, String value) {
    ObjectNode q = object();
    q.put(field, value);
    return q;
  }

  private static ObjectNode byIds(List<String> ids) {
    ObjectNode q = object();
    ids.forEach(q.putArray("ids")::add);
    return q;
  }

  /**
   * POST /tasks/list MUST answer 200 with a JSON list of task information about the matching tasks:
   * the same information GET /tasks/:id gives.
   */
  @Test
  @Requirement("tasks.list.returns-tasks")
  public void listAnswersTaskInformation() {
    List<String> created = s.tasks(s.projectName(), 2);
    JsonNode list = ok(s.list(byIds(created)), TASK_LIST);
    equal(set(ids(list)), set(created), "The matching tasks are listed");
    for (JsonNode listed : list) {
      sameObject(
          s.task(listed.path("id").asString()),
          listed,
          "A listed task shows what GET /tasks/:id shows");
    }
  }

  /**
   * POST /tasks/list MUST accept an empty object (every field is optional) and then restrict the
   * result only by the cap of 1000: a new task is listed unless the cap is reached.
   */
  @Test
  @Requirement("tasks.list.fields-optional")
  public void emptyQueryImposesNoRestriction() {
    String created = s.tasks(s.projectName(), 1).get(0);
    List<String> all = s.listIds(object());
    that(all.size() <= CAP, "At most 1000 tasks are listed", "<= 1000", all.size());
    if (all.size() < CAP) {
      that(
          all.contains(created),
          "An empty query lists every task (below the cap)",
          "the new task " + created,
          "not listed among " + all.size());
    }
  }

  /**
   * POST /tasks/list with user MUST list only tasks the user has worked on: a task with an
   * annotation of the main user is listed, a task of the same project without one is not.
   *
   * <p>Steps: get a task annotation of the main user (task A) and add a task B to its project; list
   * by user together with the ids of A and B, then by user alone.
   */
  @Test
  @Requirement("tasks.list.user")
  public void listByUser() {
    TaskAnnotation annotation = s.taskAnnotation();
    String worked = annotation.taskId();
    String untouched = s.tasks(annotation.projectName(), 1).get(0);
    ObjectNode userAndIds = byIds(List.of(worked, untouched));
    userAndIds.put("user", s.mainUserId());
    equal(
        s.listIds(userAndIds),
        List.of(worked),
        "Of a worked-on and an untouched task, only the worked-on one is listed");
    List<String> listed = s.listIds(query("user", s.mainUserId()));
    that(
        !listed.contains(untouched),
        "A task the user has not worked on is not listed",
        "not listed",
        "the task " + untouched);
    if (listed.size() < CAP) {
      that(
          listed.contains(worked),
          "A task the user has worked on is listed",
          "the task " + worked,
          "not listed");
    }
  }

  /**
   * POST /tasks/list with project MUST list exactly the tasks of the project with that name, and
   * the value MUST be read as a name: the project's id does not select its tasks.
   */
  @Test
  @Requirement("tasks.list.project")
  public void listByProject() {
    Made p = s.project();
    List<String> mine = s.tasks(p.name(), 2);
    s.tasks(s.projectName(), 1);
    equal(set(s.listIds(query("project", p.name()))), set(mine), "Exactly the project's tasks");
    Response byId = s.list(query("project", p.id()));
    if (byId.statusCode() == 200) {
      List<String> listed = ids(Checks.matchesSchema(byId, TASK_LIST));
      that(
          listed.stream().noneMatch(mine::contains),
          "The project's id is not taken as its name",
          "none of the project's tasks",
          listed);
    } else {
      refused(byId);
    }
  }

  /** POST /tasks/list with ids MUST list only (and here: exactly) the tasks with those ids. */
  @Test
  @Requirement("tasks.list.ids")
  public void listByIds() {
    List<String> created = s.tasks(s.projectName(), 3);
    List<String> wanted = List.of(created.get(0), created.get(2));
    equal(set(s.listIds(byIds(wanted))), set(wanted), "Exactly the tasks with the given ids");
  }

  /**
   * POST /tasks/list with tasktype MUST list only tasks of that task type; new tasks of that type
   * are listed unless the cap is reached.
   */
  @Test
  @Requirement("tasks.list.tasktype")
  public void listByTaskType() {
    List<String> created = s.tasks(s.projectName(), 2);
    JsonNode list = ok(s.list(query("tasktype", world.taskType())), TASK_LIST);
    for (JsonNode t : list) {
      equal(
          t.path("type").path("id").asString(),
          world.taskType(),
          "Every listed task is of the requested task type (task " + t.path("id").asString() + ")");
    }
    if (list.size() < CAP) {
      that(
          ids(list).containsAll(created),
          "The new tasks of that type are listed",
          "the tasks " + created,
          "not all listed");
    }
  }

  /**
   * POST /tasks/list with several criteria MUST list only tasks that match all of them.
   *
   * <p>Steps: project P with a task A the main user works on and a task B; project Q with a task C;
   * then combine project with user, ids and tasktype.
   */
  @Test
  @Requirement("tasks.list.criteria-combined")
  public void listWithSeveralCriteria() {
    TaskAnnotation annotation = s.taskAnnotation();
    String a = annotation.taskId();
    String p = annotation.projectName();
    String b = s.tasks(p, 1).get(0);
    String q = s.projectName();
    String c = s.tasks(q, 1).get(0);

    ObjectNode projectAndUser = query("project", p);
    projectAndUser.put("user", s.mainUserId());
    equal(set(s.listIds(projectAndUser)), Set.of(a), "project + user: only A");

    ObjectNode projectAndIds = byIds(List.of(a, b, c));
    projectAndIds.put("project", p);
    equal(set(s.listIds(projectAndIds)), Set.of(a, b), "project + ids: only A and B");

    ObjectNode otherProjectAndIds = byIds(List.of(a, b));
    otherProjectAndIds.put("project", q);
    equal(s.listIds(otherProjectAndIds), List.of(), "project + ids of another project: none");

    ObjectNode projectAndType = query("project", p);
    projectAndType.put("tasktype", world.taskType());
    equal(set(s.listIds(projectAndType)), Set.of(a, b), "project + tasktype: A and B");
  }

  /** POST /tasks/list with random true MUST return only tasks matching the other criteria. */
  @Test
  @Requirement("tasks.list.random-true-subset")
  public void randomListReturnsOnlyMatchingTasks() {
    String p = s.projectName();
    List<String> created = s.tasks(p, 3);
    s.tasks(s.projectName(), 1);
    ObjectNode q = query("project", p);
    q.put("random", true);
    List<String> listed = s.listIds(q);
    that(
        created.containsAll(listed),
        "random: true lists only matching tasks",
        "a subset of " + created,
        listed);
    equal(set(listed).size(), listed.size(), "random: true lists no task twice");
  }

  /**
   * POST /tasks/list without random, or with random false, MUST return the first matches: the same
   * tasks in the same order when the request is repeated without changes in between.
   */
  @Test
  @Requirement("tasks.list.random-false-first-matches")
  public void listWithoutRandomIsRepeatable() {
    String p = s.projectName();
    List<String> created = s.tasks(p, 3);
    List<String> first = s.listIds(query("project", p));
    equal(set(first), set(created), "All matches are listed (fewer than 1000)");
    equal(s.listIds(query("project", p)), first, "A repeated query lists the same order");
    ObjectNode notRandom = query("project", p);
    notRandom.put("random", false);
    equal(s.listIds(notRandom), first, "random: false lists the same tasks in the same order");
  }

  /**
   * POST /tasks/list MUST return at most 1000 tasks, however many match, with and without random
   * (1000 exactly when more match and random is not set, as the first 1000 matches are returned).
   *
   * <p>Steps: create 1001 tasks in one project (1000 and 1, in two requests); list by project,
   * without and with random. (Which tasks come back is left to the filter tests.)
   */
  @Test
  @Requirement("tasks.list.result-cap")
  public void listReturnsAtMost1000Tasks() {
    String p = s.projectName();
    s.tasks(p, CAP);
    s.tasks(p, 1);
    List<String> listed = s.listIds(query("project", p));
    equal(listed.size(), CAP, "1001 matching tasks: exactly 1000 are listed");
    ObjectNode random = query("project", p);
    random.put("random", true);
    List<String> randomly = s.listIds(random);
    that(
        randomly.size() <= CAP,
        "1001 matching tasks, random: true: at most 1000 are listed",
        "<= 1000",
        randomly.size());
  }
}
