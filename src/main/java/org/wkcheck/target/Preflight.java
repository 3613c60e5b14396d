package org.wkcheck.target;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.wkcheck.http.Guard;
import org.wkcheck.http.GuardedClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What must hold before a run judges anything: the target answers {@code GET /buildinfo} under the
 * API prefix asked for (and, where it says which, serves that version); every token given is
 * accepted by {@code GET /user} and belongs to a user who can play its role; and the world's
 * dataset, team and annotations exist there. A failure is one {@link Failed} naming the cause,
 * which the commands turn into exit 3 without any requirement verdict. Read-only, a few requests,
 * each under the target's deadline and body bound; the answers of a hostile target are shown only
 * cut short and reduced to printable characters, and no token is ever shown.
 */
public final class Preflight {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The longest piece of a target's answer a message quotes. */
  private static final int QUOTE = 160;

  /** The pre-flight failed: nothing was judged. The message names the cause. */
  public static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Failed(String message) {
      super(message);
    }
  }

  private final Target target;
  private final GuardedClient client;
  private final String prefix;

  private Preflight(Target target, GuardedClient client) {
    this.target = target;
    this.client = client;
    this.prefix = target.apiPrefix();
  }

  /**
   * Checks the target.
   *
   * @throws Failed naming the first cause found
   */
  public static void check(Target target) {
    check(target, true);
  }

  /**
   * Checks the target; without {@code world} only that it answers and takes the tokens (for the
   * clean-up, which needs no world): no role, organization or world object is checked.
   *
   * @throws Failed naming the first cause found
   */
  public static void check(Target target, boolean world) {
    Guard guard = new Guard(target.baseUrl(), target.limits(), null);
    try (GuardedClient client =
        new GuardedClient(guard, target.baseUrl() + target.apiPrefix(), 2)) {
      Preflight p = new Preflight(target, client);
      p.buildinfo();
      p.token(Role.ADMIN, world);
      if (world) {
        p.world();
        for (Role role : Role.values()) {
          if (role != Role.ADMIN) {
            p.token(role, true);
          }
        }
      }
    } catch (Failed f) {
      throw new Failed(target.redactor().redact(f.getMessage())); // an answer may echo a token
    }
  }

  private void buildinfo() {
    GuardedClient.Answer a = get("/buildinfo", null);
    if (a.status() == 404 && target.apiVersion() != null) {
      throw new Failed(
          "the target does not serve API version "
              + target.apiVersion()
              + ": GET "
              + prefix
              + "/buildinfo answered 404"
              + quoted(a));
    }
    if (a.status() != 200) {
      throw new Failed(
          "GET "
              + prefix
              + "/buildinfo answered "
              + a.status()
              + quoted(a)
              + "; is "
              + target.baseUrl()
              + " a webKnossos server?");
    }
    JsonNode info = json(a);
    if (info == null || !info.isObject()) {
      throw new Failed(
          "GET "
              + prefix
              + "/buildinfo did not answer a JSON object"
              + quoted(a)
              + "; is "
              + target.baseUrl()
              + " a webKnossos server?");
    }
    JsonNode versions = info.path("httpApiVersioning");
    Integer asked = target.apiVersion();
    if (asked != null
        && versions.path("currentApiVersion").isInt()
        && versions.path("oldestSupportedApiVersion").isInt()) {
      int newest = versions.path("currentApiVersion").asInt();
      int oldest = versions.path("oldestSupportedApiVersion").asInt();
      if (asked < oldest || asked > newest) {
        throw new Failed(
            "the target serves API versions "
                + oldest
                + " to "
                + newest
                + ", not "
                + asked
                + " (--api-version)");
      }
    }
  }

  /**
   * The role's token, when given, is accepted and (with {@code fit}) belongs to a user who can play
   * the role.
   */
  private void token(Role role, boolean fit) {
    String token = target.tokens().get(role);
    if (token != null) {
      String variable = role.environmentVariable();
      GuardedClient.Answer a = get("/user", token);
      if (a.status() == 401 || a.status() == 403) {
        throw new Failed(
            "the token in "
                + variable
                + " is refused: GET "
                + prefix
                + "/user answered "
                + a.status()
                + quoted(a));
      }
      JsonNode user = json(a);
      if (a.status() != 200 || user == null || !user.isObject()) {
        throw new Failed(
            "GET "
                + prefix
                + "/user with the token in "
                + variable
                + " answered "
                + a.status()
                + quoted(a)
                + ", not the user");
      }
      String unfit = fit ? unfit(role, user) : null;
      if (unfit != null) {
        throw new Failed(
            "the token in "
                + variable
                + " belongs to user "
                + printable(user.path("id").asString(""))
                + ", who "
                + unfit
                + "; "
                + variable
                + " must be the token of "
                + role.who());
      }
    }
  }

  /**
   * Why this user cannot play the role, or null when they can or when the answer does not say: the
   * document names no organization and no team-manager flag in the user information, so a user
   * without them is not held to them.
   */
  private String unfit(Role role, JsonNode user) {
    TargetWorld w = target.world();
    boolean admin = user.path("isAdmin").asBoolean(false);
    String organization = user.path("organization").asString("");
    Predicate<JsonNode> ofTeam = m -> m.path("id").asString("").equals(w.team());
    JsonNode membership = null;
    for (JsonNode m : user.path("teams")) {
      if (ofTeam.test(m)) {
        membership = m;
      }
    }
    boolean saysOrganization = user.path("organization").isString();
    boolean inWorldOrganization = !saysOrganization || organization.equals(w.organization());
    switch (role) {
      case ADMIN:
        if (!admin) {
          return "is not an admin";
        }
        return inWorldOrganization ? null : inOrganization(organization);
      case MANAGER:
      case MEMBER:
        if (admin) {
          return "is an admin";
        }
        if (!inWorldOrganization) {
          return inOrganization(organization);
        }
        if (membership == null) {
          return "is not in the world's team " + w.team();
        }
        boolean manager = membership.path("isTeamManager").asBoolean(false);
        if (membership.has("isTeamManager") && manager != (role == Role.MANAGER)) {
          return manager ? "manages the world's team" : "does not manage the world's team";
        }
        return null;
      case OTHER_ORG:
        return saysOrganization && inWorldOrganization
            ? "is in the world's organization " + w.organization()
            : null;
      default:
        return null;
    }
  }

  private String inOrganization(String organization) {
    return "is in organization "
        + printable(organization)
        + ", not in the world's "
        + target.world().organization()
        + " (--world)";
  }

  private void world() {
    TargetWorld w = target.world();
    String admin = target.tokens().get(Role.ADMIN);
    if (admin == null) {
      return;
    }
    String dataset = "/datasets/" + segment(w.organization()) + "/" + segment(w.dataset());
    GuardedClient.Answer d = get(dataset, admin);
    if (d.status() != 200) {
      throw notThere(
          "dataset " + w.dataset() + " of organization " + w.organization(),
          dataset,
          d,
          "name an active dataset of the target in the --world file");
    }
    GuardedClient.Answer t = get("/teams", admin);
    JsonNode teams = json(t);
    List<String> ids = new ArrayList<>();
    if (teams != null) {
      teams.forEach(team -> ids.add(team.path("id").asString("")));
    }
    if (t.status() != 200 || !ids.contains(w.team())) {
      throw new Failed(
          "the world's team "
              + w.team()
              + " is not among the teams GET "
              + prefix
              + "/teams answers ("
              + t.status()
              + "); name a team of the target in the --world file");
    }
    for (Map.Entry<String, String> extra :
        Map.of(
                "volumeAnnotation", nullToEmpty(w.volumeAnnotation()),
                "publicAnnotation", nullToEmpty(w.publicAnnotation()))
            .entrySet()) {
      if (extra.getValue().isEmpty()) {
        continue;
      }
      String info = "/annotations/Explorational/" + segment(extra.getValue()) + "/info";
      GuardedClient.Answer a = get(info, admin);
      if (a.status() != 200) {
        throw notThere(
            extra.getKey() + " " + extra.getValue(),
            info,
            a,
            "name one of the target, or set \""
                + extra.getKey()
                + "\": null in the --world file to go without it");
      }
    }
  }

  /** The world names something the target answers a {@code GET} of with other than 200. */
  private Failed notThere(String what, String path, GuardedClient.Answer a, String remedy) {
    return new Failed(
        "the world's "
            + what
            + " is not there: GET "
            + prefix
            + path
            + " answered "
            + a.status()
            + quoted(a)
            + "; "
            + remedy);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private GuardedClient.Answer get(String path, String token) {
    try {
      return client.get(path, token == null ? Map.of() : Map.of("X-Auth-Token", token));
    } catch (IOException | RuntimeException e) {
      throw new Failed(
          "the target "
              + target.baseUrl()
              + " does not answer GET "
              + prefix
              + path
              + ": "
              + printable(target.redactor().redact(String.valueOf(e.getMessage()))));
    }
  }

  private static JsonNode json(GuardedClient.Answer a) {
    try {
      return JSON.readTree(a.body());
    } catch (JacksonException e) {
      return null;
    }
  }

  /** A short, printable quote of the answer's body, or nothing for an empty one. */
  private String quoted(GuardedClient.Answer a) {
    // tokens out before the quote is cut, so that no piece of one is left
    String body = target.redactor().redact(new String(a.body(), StandardCharsets.UTF_8)).strip();
    return body.isEmpty() ? "" : " (" + printable(body) + ")";
  }

  /** {@code s} cut to {@link #QUOTE} characters, control and format characters replaced. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(QUOTE)
        .forEach(
            c -> {
              int type = Character.getType(c);
              boolean shown =
                  !Character.isISOControl(c)
                      && type != Character.FORMAT
                      && type != Character.UNASSIGNED
                      && type != Character.PRIVATE_USE
                      && type != Character.SURROGATE;
              b.appendCodePoint(shown ? c : '?');
            });
    return s.codePointCount(0, s.length()) > QUOTE ? b + "..." : b.toString();
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
