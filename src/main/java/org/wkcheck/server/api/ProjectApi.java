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
import tools.jackson.databind.node.ArrayNode;

/** The project routes; projects are addressed by name, as the document says. */
final class ProjectApi {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{3,}");

  private ProjectApi() {}

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
  }

  static void register(Router r, World world, Views views, Effects effects) {

    r.get(
        "/projects",
        Auth.REQUIRED,
        call -> call.ok(world.read(() -> list(world, call.user(), views, false))));

    // Registered before /projects/{name}, which would otherwise take it.
    r.get(
        "/projects/assignments",
        Auth.REQUIRED,
        call -> call.ok(world.read(() -> list(world, call.user(), views, true))));

    r.post(
        "/projects",
        Auth.REQUIRED,
        call -> {
          User me = call.user();
          Body b = Body.parse(call.jsonBody());
          call.ok(
              world.write(
                  () -> {
                    Team team = team(world, me, b.teamId);
                    User owner = owner(world, me, b.ownerId);
                    if (!Access.canManage(me, team)) {
                      throw ApiException.forbidden(
                          "Only managers of team " + team.name() + " can create its projects");
                    }
                    checkNewName(world, me, b.name);
                    Project p =
                        new Project(
                            Ids.newObjectId(),
                            me.organization,
                            b.name,
                            team,
                            owner,
                            b.priority,
                            b.paused,
                            b.expectedTime,
                            b.isBlacklistedFromReport,
                            world.now());
                    world.add(p);
                    return views.project(p);
                  }));
        });

    r.get(
        "/projects/{name}",
        Auth.REQUIRED,
        call -> call.ok(world.read(() -> views.project(readable(call, world)))));

    r.delete(
        "/projects/{name}",
        Auth.REQUIRED,
        call ->
            call.ok(
                world.write(
                    () -> {
                      Project p = readable(call, world);
                      if (!Access.canDelete(call.user(), p)) {
                        throw ApiException.forbidden(
                            "Only the owner of the project or an admin can delete it");
                      }
                      effects.deleteProject(world, p);
                      return Json.success("Project was removed successfully");
                    })));

    r.put(
        "/projects/{name}",
        Auth.REQUIRED,
        call -> {
          User me = call.user();
          Body b = Body.parse(call.jsonBody());
          call.ok(
              world.write(
                  () -> {
                    Project p = managed(call, world);
                    Team team = team(world, me, b.teamId);
                    User owner = owner(world, me, b.ownerId);
                    if (!Access.canManage(me, team)) {
                      throw ApiException.forbidden(
                          "Only managers of team " + team.name() + " can own projects");
                    }
                    // The body is "just like in POST /projects" and every field of it applies:
                    // a new name renames the project (its address changes with it).
                    if (!b.name.equals(p.name)) {
                      checkNewName(world, me, b.name);
                      p.name = b.name;
                    }
                    p.paused = b.paused;
                    p.team = team;
                    p.owner = owner;
                    p.priority = b.priority;
                    p.expectedTime = b.expectedTime;
                    p.isBlacklistedFromReport = b.isBlacklistedFromReport;
                    return views.project(p);
                  }));
        });

    r.get(
        "/projects/{name}/tasks",
        Auth.REQUIRED,
        call ->
            call.ok(
                world.read(
                    () -> {
                      Project p = managed(call, world);
                      ArrayNode out = Json.array();
                      world.tasksOf(p).forEach(t -> out.add(views.task(t)));
                      return out;
                    })));

    r.patch(
        "/projects/{name}/incrementEachTasksInstances",
        Auth.REQUIRED,
        call -> {
          long asked = call.longQuery("delta").orElse(1L);
          if (asked < 0) {
            throw ApiException.badRequest("Cannot increment task counts by a negative number");
          }
          call.ok(
              effects.incrementInstances(
                  world, () -> managed(call, world), asked, views::projectWithStatus));
        });

    r.patch(
        "/projects/{name}/pause",
        Auth.REQUIRED,
        call -> setPaused(call, world, views, effects, true));
    r.patch(
        "/projects/{name}/resume",
        Auth.REQUIRED,
        call -> setPaused(call, world, views, effects, false));
  }

  /** A name a new or renamed project may take: well-formed and not yet used. */
  private static void checkNewName(World world, User me, String name) {
    if (!NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "Project names have at least 3 characters, only letters, digits, '_' and '-'");
    }
    if (world.project(me.organization, name).isPresent()) {
      throw ApiException.badRequest(
          "The name \"" + name + "\" is already being used for a different project");
    }
  }

  private static ArrayNode list(World world, User me, Views views, boolean withStatus) {
    ArrayNode out = Json.array();
    world.projects().stream()
        .filter(p -> Access.canRead(me, p))
        .forEach(p -> out.add(withStatus ? views.projectWithStatus(p) : views.project(p)));
    return out;
  }

  private static void setPaused(
      Call call, World world, Views views, Effects effects, boolean paused) {
    call.ok(
        world.write(
            () -> {
              Project p = managed(call, world);
              effects.setPaused(p, paused);
              return views.project(p);
            }));
  }

  /** The project named in the path if the caller may read it; 404 otherwise. */
  static Project readable(Call call, World world) {
    String name = call.path("name");
    return world
        .project(call.user().organization, name)
        .filter(p -> Access.canRead(call.user(), p))
        .orElseThrow(() -> ApiException.notFound("Project could not be found"));
  }

  /** The project named in the path if the caller manages its team; 404 or 403 otherwise. */
  private static Project managed(Call call, World world) {
    Project p = readable(call, world);
    if (!Access.canManage(call.user(), p)) {
      throw ApiException.forbidden("Only managers of team " + p.team.name() + " can do this");
    }
    return p;
  }

  private static Team team(World world, User me, String id) {
    return world
        .team(id)
        .filter(t -> t.organization().equals(me.organization))
        .orElseThrow(() -> ApiException.badRequest("Team " + id + " does not exist"));
  }

  private static User owner(World world, User me, String id) {
    return world
        .user(id)
        .filter(u -> u.organization.equals(me.organization))
        .orElseThrow(() -> ApiException.badRequest("User " + id + " does not exist"));
  }
}
