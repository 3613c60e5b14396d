package org.wkcheck.server.world;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The reference server's whole state, in memory. Every access goes through {@link #read} or {@link
 * #write}: one read-write lock makes each request's reads consistent and its changes atomic, so
 * concurrent requests never lose updates. Collections keep insertion order, which is creation
 * order: "the first matches in the database".
 */
public final class World {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final Map<String, Organization> organizations = new LinkedHashMap<>();
  private final Map<String, Team> teams = new LinkedHashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, User> usersByToken = new LinkedHashMap<>();
  private final Map<String, Dataset> datasets = new LinkedHashMap<>();
  private final Map<String, TaskType> taskTypes = new LinkedHashMap<>();
  private final Map<String, Script> scripts = new LinkedHashMap<>();
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, Annotation> annotations = new LinkedHashMap<>();
  private final Map<String, Map<String, Task>> tasksByProject = new LinkedHashMap<>();
  private final Map<String, Map<String, Annotation>> annotationsByTask = new LinkedHashMap<>();
  private final Map<String, Map<String, Annotation>> annotationsByOwner = new LinkedHashMap<>();
  private final DataStore dataStore;
  private final TracingStore tracingStore;

  public World(DataStore dataStore, TracingStore tracingStore) {
    this.dataStore = dataStore;
    this.tracingStore = tracingStore;
  }

  /** Runs {@code body} holding the shared lock: for requests that only read. */
  public <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs {@code body} holding the exclusive lock: for requests that change anything. */
  public <T> T write(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  public long now() {
    return System.currentTimeMillis();
  }

  private void assertLocked() {
    if (lock.getReadHoldCount() == 0 && !lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException("World accessed without its lock");
    }
  }

  private void assertWriteLocked() {
    if (!lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException("World changed without its write lock");
    }
  }

  /** The object with the id in a map by id, read under the lock. */
  private <T> Optional<T> byId(Map<String, T> objects, String id) {
    assertLocked();
    return Optional.ofNullable(objects.get(id));
  }

  /** Every object of a map by id, in creation order, read under the lock. */
  private <T> Collection<T> all(Map<String, T> objects) {
    assertLocked();
    return objects.values();
  }

  /** The objects an index holds under {@code key}, in creation order; none when it has no entry. */
  private <T> Collection<T> indexed(Map<String, Map<String, T>> index, String key) {
    assertLocked();
    Map<String, T> m = index.get(key);
    return m == null ? List.of() : m.values();
  }

  private static <T> void index(Map<String, Map<String, T>> index, String key, String id, T value) {
    index.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(id, value);
  }

  private static void unindex(Map<String, ? extends Map<String, ?>> index, String key, String id) {
    Map<String, ?> m = index.get(key);
    if (m != null) {
      m.remove(id);
    }
  }

  // --- stores ---------------------------------------------------------------------------------

  public DataStore dataStore() {
    return dataStore;
  }

  public String tracingStoreName() {
    return tracingStore.name();
  }

  public String tracingStoreUrl() {
    return tracingStore.url();
  }

  // --- adding ---------------------------------------------------------------------------------

  public void add(Organization o) {
    assertWriteLocked();
    organizations.put(o.id(), o);
  }

  public void add(Team t) {
    assertWriteLocked();
    teams.put(t.id(), t);
  }

  public void add(User u) {
    assertWriteLocked();
    users.put(u.id, u);
    if (u.token != null) {
      usersByToken.put(u.token, u);
    }
  }

  public void add(Dataset d) {
    assertWriteLocked();
    datasets.put(d.id(), d);
  }

  public void add(TaskType t) {
    assertWriteLocked();
    taskTypes.put(t.id(), t);
  }

  public void add(Script s) {
    assertWriteLocked();
    scripts.put(s.id(), s);
  }

  public void add(Project p) {
    assertWriteLocked();
    projects.put(p.id, p);
    tasksByProject.put(p.id, new LinkedHashMap<>());
  }

  public void add(Task t) {
    assertWriteLocked();
    tasks.put(t.id, t);
    index(tasksByProject, t.project.id, t.id, t);
    annotationsByTask.put(t.id, new LinkedHashMap<>());
  }

  public void add(Annotation a) {
    assertWriteLocked();
    annotations.put(a.id, a);
    if (a.task != null) {
      index(annotationsByTask, a.task.id, a.id, a);
    }
    index(annotationsByOwner, a.owner.id, a.id, a);
  }

  // --- removing -------------------------------------------------------------------------------

  /** Removes a task with all its annotations (its base included). */
  public void remove(Task t) {
    assertWriteLocked();
    for (Annotation a : new ArrayList<>(annotationsOf(t))) {
      remove(a);
    }
    annotationsByTask.remove(t.id);
    removeTaskOnly(t);
  }

  /**
   * Removes a task but not its annotations, which {@link #remove(Task)} removes first. Alone, it
   * leaves annotations of a task that is gone.
   */
  public void removeTaskOnly(Task t) {
    assertWriteLocked();
    tasks.remove(t.id);
    unindex(tasksByProject, t.project.id, t.id);
  }

  /**
   * Removes a project but not its tasks, which {@link #remove(Project)} removes first. Alone, it
   * leaves tasks of a project that is gone.
   */
  public void removeProjectOnly(Project p) {
    assertWriteLocked();
    projects.remove(p.id);
  }

  /** Removes a task type with all its tasks and their annotations. */
  public void remove(TaskType type) {
    assertWriteLocked();
    for (Task t : new ArrayList<>(tasks())) {
      if (t.taskType.id().equals(type.id())) {
        remove(t);
      }
    }
    taskTypes.remove(type.id());
  }

  /** Removes a project with all its tasks and their annotations. */
  public void remove(Project p) {
    assertWriteLocked();
    for (Task t : new ArrayList<>(tasksOf(p))) {
      remove(t);
    }
    tasksByProject.remove(p.id);
    removeProjectOnly(p);
  }

  public void remove(Annotation a) {
    assertWriteLocked();
    annotations.remove(a.id);
    if (a.task != null) {
      unindex(annotationsByTask, a.task.id, a.id);
    }
    unindex(annotationsByOwner, a.owner.id, a.id);
  }

  // --- lookups --------------------------------------------------------------------------------

  public Optional<User> userByToken(String token) {
    assertLocked();
    return Optional.ofNullable(token == null ? null : usersByToken.get(token));
  }

  public Optional<Organization> organization(String id) {
    return byId(organizations, id);
  }

  public Collection<Organization> organizations() {
    return all(organizations);
  }

  public Optional<Organization> organizationByName(String name) {
    assertLocked();
    return organizations.values().stream().filter(o -> o.name().equals(name)).findFirst();
  }

  public Optional<Team> team(String id) {
    return byId(teams, id);
  }

  public Collection<Team> teams() {
    return all(teams);
  }

  public Optional<User> user(String id) {
    return byId(users, id);
  }

  public Collection<User> users() {
    return all(users);
  }

  public Collection<Dataset> datasets() {
    return all(datasets);
  }

  public Optional<Dataset> dataset(Organization org, String name) {
    assertLocked();
    return datasets.values().stream()
        .filter(d -> d.organization().equals(org) && d.name().equals(name))
        .findFirst();
  }

  public Optional<TaskType> taskType(String id) {
    return byId(taskTypes, id);
  }

  public Collection<TaskType> taskTypes() {
    return all(taskTypes);
  }

  public Optional<Script> script(String id) {
    return byId(scripts, id);
  }

  public Collection<Script> scripts() {
    return all(scripts);
  }

  public Collection<Project> projects() {
    return all(projects);
  }

  public Optional<Project> project(Organization org, String name) {
    assertLocked();
    return projects.values().stream()
        .filter(p -> p.organization.equals(org) && p.name.equals(name))
        .findFirst();
  }

  public Optional<Project> projectById(String id) {
    return byId(projects, id);
  }

  public Collection<Task> tasks() {
    return all(tasks);
  }

  public Optional<Task> task(String id) {
    return byId(tasks, id);
  }

  public Collection<Task> tasksOf(Project p) {
    return indexed(tasksByProject, p.id);
  }

  public Optional<Annotation> annotation(String id) {
    return byId(annotations, id);
  }

  public Collection<Annotation> annotations() {
    return all(annotations);
  }

  /** All annotations of a task: its base and its task annotations in any state. */
  public Collection<Annotation> annotationsOf(Task t) {
    return indexed(annotationsByTask, t.id);
  }

  public Collection<Annotation> annotationsOwnedBy(User u) {
    return indexed(annotationsByOwner, u.id);
  }

  /** The base annotation ({@code TracingBase}) that every instance of the task starts from. */
  public Optional<Annotation> baseOf(Task t) {
    return annotationsOf(t).stream().filter(a -> a.typ == AnnotationType.TracingBase).findFirst();
  }

  // --- task status ----------------------------------------------------------------------------

  /** Task annotations of the task that are being worked on. */
  public long activeInstances(Task t) {
    return annotationsOf(t).stream()
        .filter(a -> a.typ == AnnotationType.Task && a.state == AnnotationState.Active)
        .count();
  }

  /**
   * Finished instances, computed as webKnossos does: total minus open minus active (it can be
   * negative when seed data is inconsistent, as it is for one task of the test database).
   */
  public long finishedInstances(Task t) {
    return t.totalInstances - t.openInstances - activeInstances(t);
  }

  public long openInstancesOf(Project p) {
    return tasksOf(p).stream().mapToLong(t -> t.openInstances).sum();
  }
}
