package org.wkcheck.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.wkcheck.nml.NmlMerge;
import org.wkcheck.nml.NmlMerge.FileMarking;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Fields;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Ids;
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
record AnnotationApi(World world, Views views, Effects effects, Compounds compounds)
    implements Routes {
  /** The {@code :typ} values the document allows in URLs. */
  static final Set<AnnotationType> DOCUMENTED_TYPES =
      Set.of(
          AnnotationType.Task,
          AnnotationType.Explorational,
          AnnotationType.CompoundTask,
          AnnotationType.CompoundProject,
          AnnotationType.CompoundTaskType);

  @Override
  public void register(Router r) {
    r.get("/annotations/{typ}/{id}/info", Auth.OPTIONAL, this::info);
    r.get("/annotations/{typ}/{id}/download", Auth.OPTIONAL, this::download);
    r.post("/annotations/upload", Auth.REQUIRED, this::upload);
    r.post("/annotations/{typ}/{id}/duplicate", Auth.REQUIRED, this::duplicate);
    r.patch("/annotations/{typ}/{id}/edit", Auth.REQUIRED, this::edit);
    r.patch("/annotations/{typ}/{id}/finish", Auth.REQUIRED, this::finish);
    r.patch("/annotations/{typ}/{id}/reopen", Auth.REQUIRED, this::reopen);
    r.put("/annotations/Task/{id}/reset", Auth.REQUIRED, this::reset);
    r.post("/annotations/{typ}/{id}/merge/{mergedTyp}/{mergedId}", Auth.REQUIRED, this::merge);
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
                e = compounds.merged(typ, id, call.viewer());
                Access.requireManager(call.viewer(), e.team(), "download compound annotations");
                a = Compounds.annotation(typ, id, call.viewer(), e);
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
    List<AnnotationFiles.ParsedNml> kept = effects.uploaded(all);
    List<AnnotationFiles.ParsedNml> parsed = new ArrayList<>();
    for (AnnotationFiles.ParsedNml p : kept) {
      parsed.add(
          kept.size() == 1
              ? p
              : new AnnotationFiles.ParsedNml(
                  p.fileName(), effects.uploadedSkeleton(parsed.size(), p.nml()), p.volumeData()));
    }
    ObjectNode body =
        world.write(
            () -> {
              Dataset ds = null;
              for (AnnotationFiles.ParsedNml p : parsed) {
                Dataset d = Uploads.datasetOf(world, me, p.nml(), datasetName);
                if (ds != null && !ds.equals(d)) {
                  throw ApiException.badRequest(
                      "Cannot upload tracings that belong to different datasets at once");
                }
                ds = d;
              }
              Annotation a = explorational(me, ds, () -> ContentMerge.ofUploads(parsed, marking));
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

  /**
   * A new explorational annotation of {@code me} on {@code ds}, in the caller's default team for
   * that dataset; not yet added to the world. Its content is made last, once the caller is known to
   * have a team.
   */
  private Annotation explorational(User me, Dataset ds, Supplier<AnnotationContent> content) {
    return new Annotation(
        Ids.newObjectId(),
        AnnotationType.Explorational,
        null,
        ds,
        defaultTeam(world, me, ds),
        me,
        world.now(),
        content.get());
  }

  /** A new explorational annotation of {@code me} with the content of {@code source}. */
  private Annotation copy(Annotation source, User me) {
    if (!source.dataset.isUsable()) {
      throw ApiException.badRequest("Dataset " + source.dataset.name() + " is not imported");
    }
    Annotation copy = explorational(me, source.dataset, source.content::withFreshTracingIds);
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
    changeAnnotation(
        call,
        typ,
        id,
        a -> {
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
          return null;
        });
  }

  /** Finish: Active to Finished. Anything else is not a legal transition (400). */
  private void finish(Call call) {
    transition(
        call,
        AnnotationState.Active,
        "The annotation is not active and cannot be finished",
        effects::finish,
        typ -> typ == AnnotationType.Task ? "Task is finished" : "Annotation is archived");
  }

  /** Reopen: Finished to Active. Anything else is not a legal transition (400). */
  private void reopen(Call call) {
    transition(
        call,
        AnnotationState.Finished,
        "The requested annotation is not finished.",
        a -> a.state = AnnotationState.Active,
        typ -> "Annotation was reopened");
  }

  /** A change of state of a task or explorational annotation that must be in state {@code from}. */
  private void transition(
      Call call,
      AnnotationState from,
      String refusal,
      Consumer<Annotation> change,
      Function<AnnotationType, String> message) {
    AnnotationType typ = taskOrExplorational(call.path("typ"));
    changeAnnotation(
        call,
        typ,
        call.objectId("id"),
        a -> {
          if (a.state != from) {
            throw ApiException.badRequest(refusal);
          }
          change.accept(a);
          return message.apply(typ);
        });
  }

  /**
   * Changes an annotation the caller may update, holding the write lock, marks it modified and
   * answers it, with the success message {@code change} gives (none for null).
   */
  private void changeAnnotation(
      Call call, AnnotationType typ, String id, Function<Annotation, String> change) {
    call.ok(
        world.write(
            () -> {
              Annotation a = updatable(typ, id, call.user());
              String message = change.apply(a);
              a.modified = world.now();
              ObjectNode answer = views.annotation(a, call.user());
              return message == null ? answer : Json.withSuccess(answer, message);
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
              Access.requireManager(call.user(), a.team, "reset task annotations");
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
                  explorational(
                      me,
                      second.dataset,
                      () -> ContentMerge.merge(effects.merged(first, second), second.dataset));
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
        Access.found(
            world.annotation(id),
            x -> x.typ == typ && Access.canRead(viewer, x),
            "Annotation could not be found");
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
    return Compounds.annotation(typ, id, viewer, compounds.merged(typ, id, viewer));
  }

  /**
   * The team new annotations of a user belong to: the first of the user's teams that may use the
   * dataset, else the user's first team.
   */
  private static Team defaultTeam(World world, User me, Dataset ds) {
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
