package org.wkcheck.server.api;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationContent.VolumeLayer;
import org.wkcheck.server.world.AnnotationSettings;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.DataLayer;
import org.wkcheck.server.world.DataStore;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Script;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.TaskType;
import org.wkcheck.server.world.Team;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON representations of the documented profile. Field names and types follow webKnossos up to
 * release 23.08, the form the document describes (facts file section 5): tasks carry {@code status
 * {open, active, finished}}, project lists with status carry {@code numberOfOpenAssignments}. Must
 * be called holding the world lock; {@code viewer} (null when anonymous) decides the per-caller
 * fields such as {@code isEditable} and {@code restrictions}. Every representation of an entity
 * passes through the {@link ViewDecorator} before it is returned or embedded.
 */
final class Views {
  private final World world;
  private final ViewDecorator decorator;

  Views(World world, ViewDecorator decorator) {
    this.world = world;
    this.decorator = decorator;
  }

  // --- users and teams ------------------------------------------------------------------------

  ObjectNode user(User u, User viewer) {
    ObjectNode o = userNamed(u);
    o.put("isOrganizationOwner", u.isOrganizationOwner);
    o.put("isDatasetManager", u.isDatasetManager);
    o.put("isActive", true);
    o.set("teams", memberships(u));
    ObjectNode exp = o.putObject("experiences");
    for (Map.Entry<String, Integer> e : u.experiences().entrySet()) {
      exp.put(e.getKey(), e.getValue());
    }
    o.put("lastActivity", u.lastActivity);
    o.put("isAnonymous", false);
    o.put("isEditable", Access.canEditMemberships(viewer, u));
    o.put("organization", u.organization.name());
    o.putObject("novelUserExperienceInfos");
    o.put("selectedTheme", u.selectedTheme);
    o.put("created", u.created);
    o.put("lastTaskTypeId", u.lastTaskTypeId);
    o.put("isSuperUser", u.isSuperUser);
    o.put("isEmailVerified", true);
    return decorator.decorate(Representation.USER, u, o);
  }

  /** The compact user embedded in annotations, projects and scripts. */
  ObjectNode userCompact(User u) {
    ObjectNode o = userNamed(u);
    o.put("isDatasetManager", u.isDatasetManager);
    o.put("isAnonymous", false);
    o.set("teams", memberships(u));
    return decorator.decorate(Representation.USER_COMPACT, u, o);
  }

  /** The fields both forms of a user begin with. */
  private static ObjectNode userNamed(User u) {
    ObjectNode o = Json.object();
    o.put("id", u.id);
    o.put("email", u.email);
    o.put("firstName", u.firstName);
    o.put("lastName", u.lastName);
    o.put("isAdmin", u.isAdmin);
    return o;
  }

  private ArrayNode memberships(User u) {
    ArrayNode teams = Json.array();
    for (Map.Entry<String, Boolean> m : u.memberships().entrySet()) {
      ObjectNode tm = teamNamed(world.team(m.getKey()).orElseThrow());
      tm.put("isTeamManager", m.getValue());
      teams.add(tm);
    }
    return teams;
  }

  ObjectNode team(Team t) {
    ObjectNode o = teamNamed(t);
    o.put("organization", t.organization().name());
    return decorator.decorate(Representation.TEAM, t, o);
  }

  /** The fields both a team and a user's membership in it begin with. */
  private static ObjectNode teamNamed(Team t) {
    ObjectNode o = Json.object();
    o.put("id", t.id());
    o.put("name", t.name());
    return o;
  }

  // --- datasets -------------------------------------------------------------------------------

  ObjectNode dataStore(DataStore s) {
    ObjectNode o = store(s.name(), s.url());
    o.put("isScratch", s.isScratch());
    o.put("allowsUpload", s.allowsUpload());
    o.putArray("jobsSupportedByAvailableWorkers");
    o.put("jobsEnabled", false);
    return o;
  }

  /** A tracing store, and the fields a data store begins with. */
  private static ObjectNode store(String name, String url) {
    ObjectNode o = Json.object();
    o.put("name", name);
    o.put("url", url);
    return o;
  }

  /** A dataset, as {@code GET /datasets/:organizationName/:dataSetName} answers it. */
  ObjectNode dataset(Dataset d, User viewer) {
    return decorator.decorate(Representation.DATASET, d, dataset(d, viewer, false));
  }

  /**
   * A dataset in {@code GET /datasets}: the resolutions of every layer are empty, as the document's
   * note says; the single-dataset route gives the real ones.
   */
  ObjectNode datasetListed(Dataset d, User viewer) {
    return decorator.decorate(Representation.DATASET_LISTED, d, dataset(d, viewer, true));
  }

  private ObjectNode dataset(Dataset d, User viewer, boolean emptyResolutions) {
    ObjectNode o = Json.object();
    o.put("name", d.name());
    ObjectNode source = o.putObject("dataSource");
    ObjectNode sourceId = source.putObject("id");
    sourceId.put("name", d.name());
    sourceId.put("team", d.organization().name());
    if (d.isUsable()) {
      ArrayNode layers = source.putArray("dataLayers");
      for (DataLayer l : d.layers()) {
        layers.add(dataLayer(l, emptyResolutions));
      }
      source.set("scale", vec(d.scale()));
    } else {
      source.put("status", d.status());
    }
    o.set("dataStore", dataStore(d.dataStore()));
    o.put("owningOrganization", d.organization().name());
    ArrayNode allowed = o.putArray("allowedTeams");
    for (Team t : d.allowedTeams()) {
      allowed.add(team(t));
    }
    o.set("allowedTeamsCumulative", allowed.deepCopy());
    o.put("isActive", d.isUsable());
    o.put("isPublic", d.isPublic());
    o.put("description", d.description());
    o.put("displayName", d.displayName());
    o.put("created", d.created());
    o.put("isEditable", Access.canEdit(viewer, d));
    o.put("lastUsedByUser", 0L);
    o.put("logoUrl", d.organization().logoUrl());
    o.put("sortingKey", d.sortingKey());
    o.putNull("details");
    o.put("isUnreported", d.isUnreported());
    ArrayNode tags = o.putArray("tags");
    d.tags().forEach(tags::add);
    o.put("folderId", d.folderId());
    o.putNull("publication");
    if (viewer != null && viewer.organization.equals(d.organization())) {
      o.put("usedStorageBytes", 0L);
    } else {
      o.putNull("usedStorageBytes");
    }
    return o;
  }

  private ObjectNode dataLayer(DataLayer l, boolean emptyResolutions) {
    ObjectNode o = Json.object();
    o.put("name", l.name());
    o.put("category", l.category());
    o.set("boundingBox", box(l.boundingBox()));
    ArrayNode res = o.putArray("resolutions");
    if (!emptyResolutions) {
      for (int[] r : l.resolutions()) {
        res.addArray().add(r[0]).add(r[1]).add(r[2]);
      }
    }
    o.put("elementClass", l.elementClass());
    if (l.largestSegmentId() != null) {
      o.put("largestSegmentId", l.largestSegmentId());
    }
    if (!l.mappings().isEmpty()) {
      ArrayNode m = o.putArray("mappings");
      l.mappings().forEach(m::add);
    }
    return o;
  }

  static ObjectNode box(int[] b) {
    ObjectNode o = Json.object();
    o.putArray("topLeft").add(b[0]).add(b[1]).add(b[2]);
    o.put("width", b[3]);
    o.put("height", b[4]);
    o.put("depth", b[5]);
    return o;
  }

  private static ArrayNode vec(Vec3d v) {
    ArrayNode a = Json.array();
    a.add(v.x()).add(v.y()).add(v.z());
    return a;
  }

  private static ArrayNode intVec(Vec3d v) {
    ArrayNode a = Json.array();
    a.add(Math.round(v.x())).add(Math.round(v.y())).add(Math.round(v.z()));
    return a;
  }

  // --- task types, scripts, tasks, projects ---------------------------------------------------

  ObjectNode settings(AnnotationSettings s) {
    ObjectNode o = Json.object();
    ArrayNode modes = o.putArray("allowedModes");
    s.allowedModes().forEach(modes::add);
    if (s.preferredMode() != null) {
      o.put("preferredMode", s.preferredMode());
    }
    o.put("branchPointsAllowed", s.branchPointsAllowed());
    o.put("somaClickingAllowed", s.somaClickingAllowed());
    o.put("volumeInterpolationAllowed", s.volumeInterpolationAllowed());
    o.put("mergerMode", s.mergerMode());
    ObjectNode r = o.putObject("resolutionRestrictions");
    if (s.resolutionMin() != null) {
      r.put("min", s.resolutionMin());
    }
    if (s.resolutionMax() != null) {
      r.put("max", s.resolutionMax());
    }
    return o;
  }

  ObjectNode taskType(TaskType t) {
    ObjectNode o = Json.object();
    o.put("id", t.id());
    o.put("summary", t.summary());
    o.put("description", t.description());
    o.put("teamId", t.team().id());
    o.put("teamName", t.team().name());
    o.set("settings", settings(t.settings()));
    o.putNull("recommendedConfiguration");
    o.put("tracingType", t.tracingType());
    return decorator.decorate(Representation.TASK_TYPE, t, o);
  }

  ObjectNode script(Script s) {
    ObjectNode o = Json.object();
    o.put("id", s.id());
    o.put("name", s.name());
    o.put("gist", s.gist());
    o.set("owner", userCompact(s.owner()));
    return decorator.decorate(Representation.SCRIPT, s, o);
  }

  ObjectNode task(Task t) {
    ObjectNode o = Json.object();
    o.put("id", t.id);
    o.put("projectId", t.project.id);
    o.put("projectName", t.project.name);
    o.put("team", t.project.team.name());
    o.set("type", taskType(t.taskType));
    o.put("dataSet", t.dataset.name());
    ObjectNode exp = o.putObject("neededExperience");
    exp.put("domain", t.neededExperienceDomain);
    exp.put("value", t.neededExperienceValue);
    o.put("created", t.created);
    ObjectNode status = o.putObject("status");
    status.put("open", t.openInstances);
    status.put("active", world.activeInstances(t));
    status.put("finished", world.finishedInstances(t));
    if (t.script == null) {
      o.putNull("script");
    } else {
      o.set("script", script(t.script));
    }
    o.put("tracingTime", t.tracingTime);
    o.put("creationInfo", t.creationInfo);
    if (t.boundingBox == null) {
      o.putNull("boundingBox");
    } else {
      o.set("boundingBox", box(t.boundingBox));
    }
    o.set("editPosition", intVec(t.editPosition));
    o.set("editRotation", vec(t.editRotation));
    return decorator.decorate(Representation.TASK, t, o);
  }

  ObjectNode project(Project p) {
    ObjectNode o = Json.object();
    o.put("name", p.name);
    o.put("team", p.team.id());
    o.put("teamName", p.team.name());
    o.set("owner", userCompact(p.owner));
    o.put("priority", p.priority);
    o.put("paused", p.paused);
    o.put("expectedTime", p.expectedTime);
    o.put("isBlacklistedFromReport", p.isBlacklistedFromReport);
    o.put("id", p.id);
    o.put("created", p.created);
    return decorator.decorate(Representation.PROJECT, p, o);
  }

  /**
   * A project with {@code numberOfOpenAssignments} (the open instances of all its tasks) and, as
   * webKnossos up to 23.08 sends it, {@code tracingTime} (the tracing time of all its tasks, ms).
   */
  ObjectNode projectWithStatus(Project p) {
    ObjectNode o = project(p);
    o.put("numberOfOpenAssignments", world.openInstancesOf(p));
    o.put(
        "tracingTime",
        world.tasksOf(p).stream().mapToLong(t -> t.tracingTime == null ? 0 : t.tracingTime).sum());
    return decorator.decorate(Representation.PROJECT_WITH_STATUS, p, o);
  }

  // --- annotations ----------------------------------------------------------------------------

  ArrayNode annotationLayers(AnnotationContent c) {
    ArrayNode layers = Json.array();
    if (c.hasSkeleton()) {
      ObjectNode l = layers.addObject();
      l.put("tracingId", c.skeletonTracingId());
      l.put("typ", "Skeleton");
      l.put("name", "Skeleton");
      Nml s = c.skeleton();
      ObjectNode stats = l.putObject("stats");
      stats.put("treeCount", s.trees().size());
      stats.put("nodeCount", s.nodeCount());
      stats.put("edgeCount", s.edgeCount());
      stats.put("branchPointCount", s.branchpoints().size());
    }
    for (VolumeLayer v : c.volumes()) {
      ObjectNode l = layers.addObject();
      l.put("tracingId", v.tracingId());
      l.put("typ", "Volume");
      l.put("name", v.element().name() == null ? "Volume" : v.element().name());
      l.putObject("stats");
    }
    return layers;
  }

  static String tracingType(AnnotationContent c) {
    if (c.hasSkeleton() && c.hasVolumes()) {
      return "hybrid";
    }
    return c.hasVolumes() ? "volume" : "skeleton";
  }

  private ArrayNode tags(Annotation a) {
    Set<String> tags = new LinkedHashSet<>(a.tags);
    tags.add(a.dataset.name());
    tags.add(tracingType(a.content));
    ArrayNode out = Json.array();
    tags.forEach(out::add);
    return out;
  }

  /** The full annotation, as info, finish, reopen, reset, merge and duplicate answer it. */
  ObjectNode annotation(Annotation a, User viewer) {
    ObjectNode o = annotationNamed(a);
    o.putNull("viewConfiguration");
    o.put("typ", a.typ.name());
    if (a.task == null) {
      o.putNull("task");
    } else {
      o.set("task", task(a.task));
    }
    o.putObject("stats");
    ObjectNode r = o.putObject("restrictions");
    if (a.typ.isCompound()) {
      // whoever gets a compound's info may access it; only team managers download it, and
      // compounds are never edited or finished
      r.put("allowAccess", true);
      r.put("allowUpdate", false);
      r.put("allowFinish", false);
      r.put("allowDownload", Access.canManage(viewer, a.team));
    } else {
      boolean read = Access.canRead(viewer, a);
      boolean update = Access.canUpdate(viewer, a);
      r.put("allowAccess", read);
      r.put("allowUpdate", update);
      r.put("allowFinish", update);
      r.put("allowDownload", read);
    }
    o.set("annotationLayers", annotationLayers(a.content));
    o.put("dataSetName", a.dataset.name());
    o.put("organization", a.dataset.organization().name());
    o.set("dataStore", dataStore(a.dataset.dataStore()));
    o.set("tracingStore", store(world.tracingStoreName(), world.tracingStoreUrl()));
    o.put("visibility", a.visibility.name());
    AnnotationSettings settings =
        a.task != null && (a.typ == AnnotationType.Task || a.typ == AnnotationType.TracingBase)
            ? a.task.taskType.settings()
            : AnnotationSettings.DEFAULTS;
    o.set("settings", settings(settings));
    o.put("tracingTime", a.tracingTime);
    o.putArray("teams");
    o.set("tags", tags(a));
    o.set("user", userCompact(a.owner));
    o.set("owner", userCompact(a.owner));
    o.putArray("contributors");
    o.put("othersMayEdit", a.othersMayEdit);
    return decorator.decorate(Representation.ANNOTATION, a, o);
  }

  /** The compact annotation of the explorational lists. */
  ObjectNode annotationCompact(Annotation a) {
    ObjectNode o = annotationNamed(a);
    o.put("typ", a.typ.name());
    o.putObject("stats");
    o.set("annotationLayers", annotationLayers(a.content));
    o.put("dataSetName", a.dataset.name());
    o.put("organization", a.dataset.organization().name());
    o.put("visibility", a.visibility.name());
    o.put("tracingTime", a.tracingTime);
    o.putArray("teams");
    o.set("tags", tags(a));
    ObjectNode owner = o.putObject("owner");
    owner.put("id", a.owner.id);
    owner.put("firstName", a.owner.firstName);
    owner.put("lastName", a.owner.lastName);
    o.put("othersMayEdit", a.othersMayEdit);
    return decorator.decorate(Representation.ANNOTATION_COMPACT, a, o);
  }

  /** The fields both forms of an annotation begin with. */
  private static ObjectNode annotationNamed(Annotation a) {
    ObjectNode o = Json.object();
    o.put("modified", a.modified);
    o.put("state", a.state.name());
    o.put("id", a.id);
    o.put("name", a.name);
    o.put("description", a.description);
    return o;
  }
}
