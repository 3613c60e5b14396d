package org.wkcheck.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlMerge;
import org.wkcheck.nml.NmlMerge.FileMarking;
import org.wkcheck.nml.NmlMerge.NamedNml;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Fields;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationContent.VolumeLayer;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.Organization;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.TaskType;
import org.wkcheck.server.world.Team;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.Visibility;
import org.wkcheck.server.world.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The annotation routes: info, download, upload, duplicate, edit, finish, reopen, reset, merge.
 * {@code :typ} is one of the five documented types; compound types address a task, project or task
 * type and stand for the merge of its finished task annotations.
 */
final class AnnotationApi {
  /** The {@code :typ} values the document allows in URLs. */
  private static final Set<AnnotationType> DOCUMENTED_TYPES =
      Set.of(
          AnnotationType.Task,
          AnnotationType.Explorational,
          AnnotationType.CompoundTask,
          AnnotationType.CompoundProject,
          AnnotationType.CompoundTaskType);

  private final World world;
  private final Views views;
  private final Effects effects;
  private final CompoundCache compounds;

  private AnnotationApi(World world, Views views, Effects effects, CompoundCache compounds) {
    this.world = world;
    this.views = views;
    this.effects = effects;
    this.compounds = compounds;
  }

  static void register(
      Router r, World world, Views views, Effects effects, CompoundCache compounds) {
    AnnotationApi api = new AnnotationApi(world, views, effects, compounds);
    r.get("/annotations/{typ}/{id}/info", Auth.OPTIONAL, api::info);
    r.get("/annotations/{typ}/{id}/download", Auth.OPTIONAL, api::download);
    r.post("/annotations/upload", Auth.REQUIRED, api::upload);
    r.post("/annotations/{typ}/{id}/duplicate", Auth.REQUIRED, api::duplicate);
    r.patch("/annotations/{typ}/{id}/edit", Auth.REQUIRED, api::edit);
    r.patch("/annotations/{typ}/{id}/finish", Auth.REQUIRED, api::finish);
    r.patch("/annotations/{typ}/{id}/reopen", Auth.REQUIRED, api::reopen);
    r.put("/annotations/Task/{id}/reset", Auth.REQUIRED, api::reset);
    r.post("/annotations/{typ}/{id}/merge/{mergedTyp}/{mergedId}", Auth.REQUIRED, api::merge);
  }

  // --- routes ---------------------------------------------------------------------------------

  private void info(Call call) {
    AnnotationType typ = typ(call.path("typ"));
    String id = call.objectId("id");
    call.ok(world.read(() -> views.annotation(resolve(typ, id, call.viewer()), call.viewer())));
  }

  private void download(Call call) {
    AnnotationType typ = typ(call.path("typ"));
    String id = call.objectId("id");
    AnnotationFiles.Download d =
        world.read(
            () -> {
              long now = world.now();
              String wkUrl = world.dataStore().url();
              CompoundCache.Entry e = null;
              Annotation a;
              if (typ.isCompound()) {
                e = compound(typ, id, call.viewer());
                if (!Access.canManage(call.viewer(), e.team())) {
                  throw ApiException.forbidden(
                      "Only managers of team "
                          + e.team().name()
                          + " can download compound annotations");
                }
                a = compoundAnnotation(typ, id, call.viewer(), e);
              } else {
                a = readable(typ, id, call.viewer());
              }
              return switch (effects.downloadForm(a)) {
                case NML -> AnnotationFiles.nmlDownload(a, wkUrl, now);
                case NML_AND_VOLUMES_ZIP -> AnnotationFiles.nmlAndVolumesDownload(a, wkUrl, now);
                case NMLS_ZIP ->
                    AnnotationFiles.compoundDownload(e.downloadBaseName(), e.sources(), wkUrl, now);
              };
            });
    call.file(d.contentType(), d.fileName(), d.bytes());
  }

  private void upload(Call call) {
    User me = call.user();
    Uploads upload = Uploads.read(call);
    String flag = upload.field("createGroupForEachFile");
    if (!"true".equals(flag) && !"false".equals(flag)) {
      throw ApiException.badRequest(
          "Form field createGroupForEachFile must be \"true\" or \"false\", not "
              + (flag == null ? "missing" : "'" + flag + "'"));
    }
    FileMarking marking =
        "true".equals(flag) ? FileMarking.GROUP_PER_FILE : FileMarking.PREFIX_TREE_NAMES;
    String datasetName = upload.field("datasetName");
    List<AnnotationFiles.ParsedNml> all = new ArrayList<>();
    for (Uploads.Part f : upload.files()) {
      if (f.bytes().length == 0) {
        throw ApiException.badRequest("File " + f.fileName() + " is empty");
      }
      all.addAll(upload.parse(f));
    }
    if (all.isEmpty()) {
      throw ApiException.badRequest("No file or file with empty content uploaded");
    }
    List<AnnotationFiles.ParsedNml> parsed = effects.uploaded(all);
    ObjectNode body =
        world.write(
            () -> {
              Dataset ds = null;
              for (AnnotationFiles.ParsedNml p : parsed) {
                Dataset d = uploadDataset(world, me, p.nml(), datasetName);
                if (ds != null && !ds.equals(d)) {
                  throw ApiException.badRequest(
                      "Cannot upload tracings that belong to different datasets at once");
                }
                ds = d;
              }
              Annotation a =
                  new Annotation(
                      Ids.newObjectId(),
                      AnnotationType.Explorational,
                      null,
                      ds,
                      defaultTeam(world, me, ds),
                      me,
                      world.now(),
                      combineUploads(parsed, marking));
              if (parsed.size() == 1) {
                a.name = NmlMerge.baseName(parsed.get(0).fileName());
                String description = parsed.get(0).nml().parameters().experiment().description();
                a.description = description == null ? "" : description;
              }
              world.add(a);
              ObjectNode o = Json.object();
              ObjectNode ref = o.putObject("annotation");
              ref.put("typ", a.typ.name());
              ref.put("id", a.id);
              return Json.withSuccess(o, "Successfully uploaded file");
            });
    call.ok(body);
  }

  private void duplicate(Call call) {
    AnnotationType typ = typ(call.path("typ"));
    String id = call.objectId("id");
    User me = call.user();
    call.ok(
        world.write(
            () -> {
              Annotation source = resolve(typ, id, me);
              return views.annotation(effects.duplicate(source, () -> copy(source, me)), me);
            }));
  }

  /** A new explorational annotation of {@code me} with the content of {@code source}. */
  private Annotation copy(Annotation source, User me) {
    if (!source.dataset.isUsable()) {
      throw ApiException.badRequest("Dataset " + source.dataset.name() + " is not imported");
    }
    Annotation copy =
        new Annotation(
            Ids.newObjectId(),
            AnnotationType.Explorational,
            null,
            source.dataset,
            defaultTeam(world, me, source.dataset),
            me,
            world.now(),
            source.content.withFreshTracingIds());
    copy.name = source.name;
    copy.description = source.description;
    copy.tags = source.tags;
    world.add(copy);
    return copy;
  }

  private void edit(Call call) {
    AnnotationType typ = taskOrExplorational(call.path("typ"));
    String id = call.objectId("id");
    JsonNode body = Fields.requireObject(call.jsonBody(), "The annotation edit");
    String name = Fields.optString(body, "name");
    String description = Fields.optString(body, "description");
    Boolean isPublic = Fields.optBoolean(body, "isPublic");
    List<String> tags = Fields.optStringList(body, "tags");
    String visibility = Fields.optString(body, "visibility");
    Visibility v = null;
    if (visibility != null) {
      v =
          switch (visibility) {
            case "Private" -> Visibility.Private;
            case "Internal" -> Visibility.Internal;
            case "Public" -> Visibility.Public;
            default ->
                throw ApiException.badRequest(
                    "Field \"visibility\" must be Private, Internal or Public");
          };
    }
    Visibility newVisibility = v;
    call.ok(
        world.write(
            () -> {
              Annotation a = updatable(typ, id, call.user());
              if (name != null) {
                a.name = name;
              }
              if (description != null) {
                a.description = description;
              }
              if (isPublic != null) {
                // The document's isPublic is webKnossos' visibility Public (true) or Internal.
                a.visibility = isPublic ? Visibility.Public : Visibility.Internal;
              }
              if (newVisibility != null) {
                a.visibility = newVisibility;
              }
              if (tags != null) {
                a.tags = List.copyOf(tags);
              }
              a.modified = world.now();
              return views.annotation(a, call.user());
            }));
  }

  /** Finish: Active to Finished. Anything else is not a legal transition (400). */
  private void finish(Call call) {
    AnnotationType typ = taskOrExplorational(call.path("typ"));
    String id = call.objectId("id");
    call.ok(
        world.write(
            () -> {
              Annotation a = updatable(typ, id, call.user());
              if (a.state != AnnotationState.Active) {
                throw ApiException.badRequest(
                    "The annotation is not active and cannot be finished");
              }
              effects.finish(a);
              a.modified = world.now();
              return Json.withSuccess(
                  views.annotation(a, call.user()),
                  typ == AnnotationType.Task ? "Task is finished" : "Annotation is archived");
            }));
  }

  /** Reopen: Finished to Active. Anything else is not a legal transition (400). */
  private void reopen(Call call) {
    AnnotationType typ = taskOrExplorational(call.path("typ"));
    String id = call.objectId("id");
    call.ok(
        world.write(
            () -> {
              Annotation a = updatable(typ, id, call.user());
              if (a.state != AnnotationState.Finished) {
                throw ApiException.badRequest("The requested annotation is not finished.");
              }
              a.state = AnnotationState.Active;
              a.modified = world.now();
              return Json.withSuccess(views.annotation(a, call.user()), "Annotation was reopened");
            }));
  }

  /** Reset a task annotation to its task's base; for managers of the task's team. */
  private void reset(Call call) {
    // The route is documented for Task only: /annotations/Task/:id/reset.
    String id = call.objectId("id");
    call.ok(
        world.write(
            () -> {
              Annotation a = readable(AnnotationType.Task, id, call.user());
              if (!Access.canManage(call.user(), a.team)) {
                throw ApiException.forbidden(
                    "Only managers of team " + a.team.name() + " can reset task annotations");
              }
              Annotation base =
                  world
                      .baseOf(a.task)
                      .orElseThrow(
                          () -> ApiException.badRequest("Could not reset annotation to base"));
              effects.reset(a, base);
              a.modified = world.now();
              return Json.withSuccess(
                  views.annotation(a, call.user()), "Annotation was successfully reset");
            }));
  }

  /** Merge two annotations into a new explorational one on the second one's dataset. */
  private void merge(Call call) {
    AnnotationType typ = typ(call.path("typ"));
    String id = call.objectId("id");
    AnnotationType mergedTyp = typ(call.path("mergedTyp"));
    String mergedId = call.objectId("mergedId");
    User me = call.user();
    call.ok(
        world.write(
            () -> {
              Annotation first = resolve(typ, id, me);
              Annotation second = resolve(mergedTyp, mergedId, me);
              Annotation merged =
                  new Annotation(
                      Ids.newObjectId(),
                      AnnotationType.Explorational,
                      null,
                      second.dataset,
                      defaultTeam(world, me, second.dataset),
                      me,
                      world.now(),
                      mergeContents(effects.merged(first, second), second.dataset));
              world.add(merged);
              return Json.withSuccess(views.annotation(merged, me), "Merging successfully done");
            }));
  }

  // --- resolving annotations ------------------------------------------------------------------

  private static AnnotationType typ(String s) {
    return AnnotationType.parse(s)
        .filter(DOCUMENTED_TYPES::contains)
        .orElseThrow(() -> ApiException.badRequest("Invalid AnnotationType: " + s));
  }

  private static AnnotationType taskOrExplorational(String s) {
    AnnotationType t = typ(s);
    if (t != AnnotationType.Task && t != AnnotationType.Explorational) {
      throw ApiException.badRequest(
          "This route takes only Task or Explorational annotations, not " + s);
    }
    return t;
  }

  /** A stored annotation of the given type that the caller may read; 404 otherwise. */
  private Annotation readable(AnnotationType typ, String id, User viewer) {
    Annotation a =
        world
            .annotation(id)
            .filter(x -> x.typ == typ)
            .filter(x -> Access.canRead(viewer, x))
            .orElseThrow(() -> ApiException.notFound("Annotation could not be found"));
    if (a.state == AnnotationState.Cancelled) {
      throw ApiException.badRequest("The annotation was cancelled");
    }
    return a;
  }

  private Annotation updatable(AnnotationType typ, String id, User viewer) {
    Annotation a = readable(typ, id, viewer);
    if (!Access.canUpdate(viewer, a)) {
      throw ApiException.forbidden("You are not allowed to change this annotation");
    }
    return a;
  }

  /** Any documented type: a stored annotation, or a compound merged for the caller. */
  private Annotation resolve(AnnotationType typ, String id, User viewer) {
    if (!typ.isCompound()) {
      return readable(typ, id, viewer);
    }
    return compoundAnnotation(typ, id, viewer, compound(typ, id, viewer));
  }

  /** A compound annotation as {@code viewer} sees it: the merge of {@code e}. */
  private static Annotation compoundAnnotation(
      AnnotationType typ, String id, User viewer, CompoundCache.Entry e) {
    Annotation a =
        new Annotation(id, typ, null, e.dataset(), e.team(), viewer, e.mergedAt(), e.merged());
    a.modified = e.mergedAt();
    return a;
  }

  /**
   * The merge of the finished task annotations of a task, project or task type, from the cache when
   * it is there. 404 when the target is unknown or not readable, or nothing is finished yet.
   */
  private CompoundCache.Entry compound(AnnotationType typ, String id, User viewer) {
    if (viewer == null) {
      throw ApiException.notFound(
          "Annotation could not be found (compound annotations need a login)");
    }
    List<Task> tasks;
    Team team;
    String baseName;
    switch (typ) {
      case CompoundTask -> {
        Task t =
            world
                .task(id)
                .filter(x -> Access.canRead(viewer, x))
                .orElseThrow(() -> ApiException.notFound("Task could not be found"));
        tasks = List.of(t);
        team = t.project.team;
        baseName = t.id;
      }
      case CompoundProject -> {
        Project p =
            world
                .projectById(id)
                .filter(x -> Access.canManage(viewer, x))
                .orElseThrow(() -> ApiException.notFound("Project could not be found"));
        tasks = List.copyOf(world.tasksOf(p));
        team = p.team;
        baseName = p.name;
      }
      case CompoundTaskType -> {
        TaskType tt =
            world
                .taskType(id)
                .filter(x -> x.organization().equals(viewer.organization))
                .filter(x -> viewer.isAdmin || viewer.isMemberOf(x.team().id()))
                .orElseThrow(() -> ApiException.notFound("Task type could not be found"));
        tasks = world.tasks().stream().filter(t -> t.taskType.equals(tt)).toList();
        team = tt.team();
        baseName = tt.summary();
      }
      default -> throw new IllegalArgumentException(typ.name());
    }
    Team compoundTeam = team;
    String compoundName = baseName;
    return compounds.get(
        typ.name() + "/" + id,
        world.now(),
        () -> {
          List<Annotation> finished = new ArrayList<>();
          for (Task t : tasks) {
            for (Annotation a : world.annotationsOf(t)) {
              if (a.typ == AnnotationType.Task && a.state == AnnotationState.Finished) {
                finished.add(snapshot(a));
              }
            }
          }
          List<Annotation> sources = effects.compoundSources(finished);
          if (sources.isEmpty()) {
            throw ApiException.notFound(
                "Annotation could not be found: no finished annotations for this " + typ.name());
          }
          Dataset ds = sources.get(0).dataset;
          if (sources.stream().anyMatch(a -> !a.dataset.equals(ds))) {
            // webKnossos wraps every failure of a compound merge into 404
            throw ApiException.notFound(
                "Cannot create compound annotation spanning multiple datasets");
          }
          List<AnnotationContent> contents = sources.stream().map(a -> a.content).toList();
          return new CompoundCache.Entry(
              world.now(), mergeContents(contents, ds), ds, compoundTeam, sources, compoundName);
        });
  }

  /** A copy that later changes to the annotation do not reach (the content is immutable). */
  private static Annotation snapshot(Annotation a) {
    Annotation s =
        new Annotation(a.id, a.typ, a.task, a.dataset, a.team, a.owner, a.created, a.content);
    s.name = a.name;
    s.description = a.description;
    s.visibility = a.visibility;
    s.tags = a.tags;
    s.state = a.state;
    s.modified = a.modified;
    s.othersMayEdit = a.othersMayEdit;
    s.tracingTime = a.tracingTime;
    return s;
  }

  // --- content --------------------------------------------------------------------------------

  /**
   * Skeletons merged with shifted ids, and all volume layers merged into one, as webKnossos merges
   * annotations (facts file section 11).
   */
  private static AnnotationContent mergeContents(List<AnnotationContent> contents, Dataset ds) {
    Nml.Parameters p = Nml.Parameters.of(ds.name(), ds.organization().name(), ds.scale());
    List<Nml> skeletons = new ArrayList<>();
    List<VolumeLayer> volumes = new ArrayList<>();
    for (AnnotationContent c : contents) {
      if (c.hasSkeleton()) {
        skeletons.add(c.skeleton());
      }
      volumes.addAll(c.volumes());
    }
    boolean hasSkeleton = !skeletons.isEmpty() || volumes.isEmpty();
    Nml skeleton =
        skeletons.isEmpty() ? (hasSkeleton ? Nml.empty(p) : null) : NmlMerge.merge(skeletons);
    return new AnnotationContent(
        skeleton, hasSkeleton ? Ids.newTracingId() : null, asOneVolumeLayer(volumes));
  }

  /**
   * Uploaded files as one annotation: skeletons combined as {@code createGroupForEachFile} says; a
   * single file keeps its volume layers, several files with at most one each are merged into one
   * layer, and several files of which one has more layers are refused (facts file section 10).
   */
  private static AnnotationContent combineUploads(
      List<AnnotationFiles.ParsedNml> parsed, FileMarking marking) {
    List<NamedNml> named = new ArrayList<>();
    List<VolumeLayer> volumes = new ArrayList<>();
    boolean anyTrees = false;
    for (AnnotationFiles.ParsedNml p : parsed) {
      named.add(new NamedNml(p.fileName(), p.nml().withVolumes(List.of())));
      anyTrees |= !p.nml().trees().isEmpty();
      List<VolumeLayer> ofFile = AnnotationFiles.content(p).volumes();
      if (parsed.size() > 1 && ofFile.size() > 1) {
        throw ApiException.badRequest(
            "Cannot merge multiple annotations that each have multiple volume layers.");
      }
      volumes.addAll(ofFile);
    }
    boolean hasSkeleton = anyTrees || volumes.isEmpty();
    Nml skeleton = hasSkeleton ? NmlMerge.combineUploads(named, marking) : null;
    return new AnnotationContent(
        skeleton,
        hasSkeleton ? Ids.newTracingId() : null,
        parsed.size() > 1 ? asOneVolumeLayer(volumes) : volumes);
  }

  /**
   * Volume layers merged into one under a fresh tracing id, named as they all are (else "Volume").
   * The voxel data is opaque to the reference server, so the merged layer keeps the data of the
   * first layer; the layer structure is what the documented routes expose.
   */
  private static List<VolumeLayer> asOneVolumeLayer(List<VolumeLayer> volumes) {
    if (volumes.isEmpty()) {
      return List.of();
    }
    String name = volumes.get(0).element().name();
    for (VolumeLayer v : volumes) {
      if (name == null || !name.equals(v.element().name())) {
        name = "Volume";
      }
    }
    VolumeLayer first = volumes.get(0);
    return List.of(
        new VolumeLayer(Ids.newTracingId(), first.element().withIdAndName(0, name), first.data()));
  }

  /**
   * The dataset an uploaded NML belongs to: named by the form field {@code datasetName} or the
   * NML's {@code experiment@name}, in the organization the NML names if this server knows it, else
   * in the caller's. 404 when there is no such dataset, 403 when the caller cannot read it.
   */
  static Dataset uploadDataset(World world, User me, Nml nml, String datasetNameOverride) {
    Nml.Experiment e = nml.parameters().experiment();
    String name = datasetNameOverride != null ? datasetNameOverride : e == null ? null : e.name();
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("The NML names no dataset (experiment@name is missing)");
    }
    Organization org =
        e == null || e.organization() == null
            ? me.organization
            : world.organizationByName(e.organization()).orElse(me.organization);
    Dataset ds =
        world
            .dataset(org, name)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Dataset " + name + " does not exist or could not be accessed"));
    if (!Access.canRead(me, ds)) {
      throw ApiException.forbidden(
          "Could not access dataset " + name + ". Does your team have access?");
    }
    return ds;
  }

  /**
   * The team new annotations of a user belong to: the first of the user's teams that may use the
   * dataset, else the user's first team.
   */
  static Team defaultTeam(World world, User me, Dataset ds) {
    for (Team t : ds.allowedTeams()) {
      if (me.isMemberOf(t.id())) {
        return t;
      }
    }
    return me.memberships().keySet().stream()
        .map(id -> world.team(id).orElseThrow())
        .findFirst()
        .orElseThrow(
            () -> ApiException.forbidden("You belong to no team, so you cannot own annotations"));
  }
}
