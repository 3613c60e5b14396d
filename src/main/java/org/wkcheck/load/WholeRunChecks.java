package org.wkcheck.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.wkcheck.http.GuardedClient;
import org.wkcheck.target.TargetWorld;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The correctness checks that need the whole run, made on the target once the load has ended: every
 * created task reads back as created, and the concurrent increments add up. A single run makes them
 * at its end; a scaled-out run makes them once, in the merge, over what every injector did.
 */
public final class WholeRunChecks {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How many created tasks are read back after the run at most (a random sample beyond). */
  static final int READ_BACK_MAX = 2000;

  private final LoadSetup setup;
  private final TargetWorld world;
  private final Correctness correctness;

  public WholeRunChecks(LoadSetup setup, Correctness correctness) {
    this.setup = setup;
    this.world = setup.world();
    this.correctness = correctness;
  }

  /**
   * Every created task (up to {@link #READ_BACK_MAX}, by id with its project) reads back with what
   * it was created with; through the run's guard and rate cap, four at a time.
   */
  public void readBack(Map<String, String> createdTasks) {
    List<Map.Entry<String, String>> all = new ArrayList<>(createdTasks.entrySet());
    Collections.shuffle(all);
    List<Map.Entry<String, String>> sample = all.subList(0, Math.min(all.size(), READ_BACK_MAX));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (GuardedClient http = setup.bulk(4)) {
      List<Future<?>> done = new ArrayList<>();
      for (Map.Entry<String, String> e : sample) {
        done.add(pool.submit(() -> readBack(http, e.getKey(), e.getValue())));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      correctness.failed("task-reads-back", "reading the created tasks back failed: " + e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void readBack(GuardedClient http, String id, String project) {
    try {
      GuardedClient.Answer r = http.get("/tasks/" + id, setup.authorization());
      if (r.status() != 200) {
        correctness.failed(
            "task-reads-back", "GET /tasks/" + id + " answered " + r.status() + " after the run");
        return;
      }
      String problem = taskProblem(world, JSON.readTree(r.body()), id, project);
      correctness.check("task-reads-back", problem == null, "task " + id + ": " + problem);
    } catch (IOException | JacksonException e) {
      correctness.failed("task-reads-back", "GET /tasks/" + id + ": " + e.getMessage());
    }
  }

  /**
   * What differs between a task as read and as created by the load (in {@code project}, on the
   * world's dataset and task type, one open instance), or null.
   */
  public static String taskProblem(TargetWorld world, JsonNode task, String id, String project) {
    if (!id.equals(task.path("id").asString(""))) {
      return "id " + task.path("id") + " instead of " + id;
    }
    if (!project.equals(task.path("projectName").asString(""))) {
      return "projectName " + task.path("projectName") + " instead of " + project;
    }
    if (!world.dataset().equals(task.path("dataSet").asString(""))) {
      return "dataSet " + task.path("dataSet") + " instead of " + world.dataset();
    }
    if (!world.taskType().equals(task.path("type").path("id").asString(""))) {
      return "type.id " + task.path("type").path("id") + " instead of " + world.taskType();
    }
    JsonNode status = task.path("status");
    long instances =
        status.path("open").asLong(0)
            + status.path("active").asLong(0)
            + status.path("finished").asLong(0);
    if (instances != 1) {
      return "status " + status + " does not add up to the 1 instance it was created with";
    }
    return null;
  }

  /**
   * Concurrent increments add up: each task of the increment project has its open instances of
   * {@code baseline} plus one per increment answered 200 (plus at most the increments that got no
   * answer).
   *
   * @param baseline the open instances of each increment task before the load, by task id
   */
  public void increments(Map<String, Long> baseline, long sent, long answered, long applied) {
    if (setup.incrementProject() == null) {
      return;
    }
    // sent but never answered (timeouts, resets): each may or may not have been applied
    long uncertain = Math.max(0, sent - answered);
    for (Map.Entry<String, Long> t : baseline.entrySet()) {
      long now = setup.openInstances(t.getKey());
      long low = t.getValue() + applied;
      long high = low + uncertain;
      correctness.check(
          "increments-add-up",
          now >= low && now <= high,
          String.format(
              Locale.ROOT,
              "task %s has %d open instances after %d increments answered 200%s, from %d: %s",
              t.getKey(),
              now,
              applied,
              uncertain > 0 ? " (and " + uncertain + " unanswered)" : "",
              t.getValue(),
              now < low ? (low - now) + " updates lost" : (now - high) + " too many"));
    }
  }
}
