package org.wkcheck.server.api;

import java.util.regex.Pattern;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Fields;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Team;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.JsonNode;

/** The project routes; projects are addressed by name, as the document says. */
record ProjectApi(World world, Views views, Effects effects) implements Routes {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{3,}");

  /** The body of {@code POST /projects} and {@code PUT /projects/:name}. */
  private record Body(
      String name,
      String teamId,
      long priority,
      boolean paused,
      Long expectedTime,
      String ownerId,
      boolean isBlacklistedFromReport) {

    static Body parse(JsonNode json) {
      Fields.requireObject(json, "The project");
      Body b =
          new Body(
              Fields.requireString(json, "name"),
              Fields.requireString(json, "team"),
              Fields.requireInt(json, "priority"),
              Fields.requireBoolean(json, "paused"),
              (long) Fields.requireInt(json, "expectedTime"),
              Fields.requireString(json, "owner"),
              Fields.requireBoolean(json, "isBlacklistedFromReport"));
      if (!Ids.isObjectId(b.teamId)) {
        throw ApiException.badRequest("Field \"team\" must be a team id");
      }
      if (!Ids.isObjectId(b.ownerId)) {
        throw ApiException.badRequest("Field \"owner\" must be a user id");
      }
      if (b.expectedTime != null && b.expectedTime < 0) {
        throw ApiException.badRequest("Field \"expectedTime\" must not be negative");
      }
      return b;
    }

    /** The project settings the body gives, with its team and owner resolved. */
    Project.Settings settings(Owners owners) {
      return new Project.Settings(
          name,
          owners.team(),
          owners.owner(),
          priority,
          paused,
          expectedTime,
          isBlacklistedFromReport);
    }
  }

  @Override
  public void register(Router r) {
    r.get("/projects", Auth.REQUIRED, call -> list(call, false));
    // Registered before /projects/{name}, which would otherwise take it.
    r.get("/projects/assignments", Auth.REQUIRED, call -> list(call, true));
    r.post("/projects", Auth.REQUIRED, this::create);
    r.get("/projects/{name}", Auth.REQUIRED, this::read);
    r.delete("/projects/{name}", Auth.REQUIRED, this::delete);
    r.put("/projects/{name}", Auth.REQUIRED, this::update);
    r.get("/projects/{name}/tasks", Auth.REQUIRED, this::tasks);
    r.patch("/projects/{name}/incrementEachTasksInstances", Auth.REQUIRED, this::increment);
    r.patch("/projects/{name}/pause", Auth.REQUIRED, call -> setPaused(call, true));
    r.patch("/projects/{name}/resume", Auth.REQUIRED, call -> setPaused(call, false));
  }

  // --- routes ---------------------------------------------------------------------------------

  /** The projects the caller may read, with their counts for {@code /projects/assignments}. */
  private void list(Call call, boolean withStatus) {
    User me = call.user();
    answerList(
        call,
        () -> world.projects().stream().filter(p -> Access.canRead(me, p)),
        p -> withStatus ? views.projectWithStatus(p) : views.project(p));
  }

  private void create(Call call) {
    User me = call.user();
    Body b = Body.parse(call.jsonBody());
    call.ok(
        world.write(
            () -> {
              Owners owners = owners(me, b, "create its projects");
              checkNewName(me, b.name);
              Project p =
                  new Project(Ids.newObjectId(), me.organization, world.now(), b.settings(owners));
              world.add(p);
              return views.project(p);
            }));
  }

  private void read(Call call) {
    call.ok(world.read(() -> views.project(readable(call))));
  }

  private void delete(Call call) {
    call.ok(
        world.write(
            () -> {
              Project p = readable(call);
              if (!Access.canDelete(call.user(), p)) {
                throw ApiException.forbidden(
                    "Only the owner of the project or an admin can delete it");
              }
              effects.deleteProject(world, p);
              return Json.success("Project was removed successfully");
            }));
  }

  /**
   * The body is "just like in POST /projects" and every field of it applies: a new name renames the
   * project (its address changes with it).
   */
  private void update(Call call) {
    User me = call.user();
    Body b = Body.parse(call.jsonBody());
    call.ok(
        world.write(
            () -> {
              Project p = managed(call);
              Owners owners = owners(me, b, "own projects");
              if (!b.name.equals(p.name)) {
                checkNewName(me, b.name);
              }
              p.apply(b.settings(owners));
              return views.project(p);
            }));
  }

  private void tasks(Call call) {
    answerList(call, () -> world.tasksOf(managed(call)).stream(), views::task);
  }

  private void increment(Call call) {
    long delta = call.longQuery("delta").orElse(1L);
    if (delta < 0) {
      throw ApiException.badRequest("Cannot increment task counts by a negative number");
    }
    call.ok(
        effects.incrementInstances(world, () -> managed(call), delta, views::projectWithStatus));
  }

  private void setPaused(Call call, boolean paused) {
    call.ok(
        world.write(
            () -> {
              Project p = managed(call);
              effects.setPaused(p, paused);
              return views.project(p);
            }));
  }

  // --- resolving ------------------------------------------------------------------------------

  /** A name a new or renamed project may take: well-formed and not yet used. */
  private void checkNewName(User me, String name) {
    if (!NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "Project names have at least 3 characters, only letters, digits, '_' and '-'");
    }
    if (world.project(me.organization, name).isPresent()) {
      throw ApiException.badRequest(
          "The name \"" + name + "\" is already being used for a different project");
    }
  }

  /** The project named in the path if the caller may read it; 404 otherwise. */
  private Project readable(Call call) {
    return Access.found(
        world.project(call.user().organization, call.path("name")),
        p -> Access.canRead(call.user(), p),
        "Project could not be found");
  }

  /** The project named in the path if the caller manages its team; 404 or 403 otherwise. */
  private Project managed(Call call) {
    Project p = readable(call);
    Access.requireManager(call.user(), p.team, "do this");
    return p;
  }

  private record Owners(Team team, User owner) {}

  /**
   * The team and owner a body names, in the caller's organization (else 400); only managers of that
   * team may {@code doThis} (else 403).
   */
  private Owners owners(User me, Body b, String doThis) {
    Team team =
        world
            .team(b.teamId)
            .filter(t -> t.organization().equals(me.organization))
            .orElseThrow(() -> ApiException.badRequest("Team " + b.teamId + " does not exist"));
    User owner =
        world
            .user(b.ownerId)
            .filter(u -> u.organization.equals(me.organization))
            .orElseThrow(() -> ApiException.badRequest("User " + b.ownerId + " does not exist"));
    Access.requireManager(me, team, doThis);
    return new Owners(team, owner);
  }
}
