package org.wkcheck.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The route catalog of a profile ({@code schemas/<profile>/routes.json}): every documented route
 * with its parameters, request body and answers per status. Matches concrete requests to routes.
 */
public record RouteCatalog(String profile, List<Route> routes) {
  private static final Pattern API_PREFIX = Pattern.compile("^/api(?:/v(\\d+))?(/.*)?$");

  public RouteCatalog {
    routes = List.copyOf(routes);
  }

  public static RouteCatalog load(ContractFiles files, String profile) {
    return files.requireJson(profile + "/routes.json", RouteCatalog.class, "route catalog");
  }

  public Optional<Route> byId(String id) {
    return routes.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /**
   * A request matched to a route: the API version of its prefix (null for plain /api) and its path
   * parameters.
   */
  public record Match(Route route, Integer apiVersion, Map<String, String> pathParams) {}

  /**
   * The route a request addresses. The path must start with {@code /api} or {@code /api/vN}; of
   * several matching templates the one with most literal segments wins ({@code
   * /projects/assignments} over {@code /projects/:name}). Empty when no documented route matches.
   */
  public Optional<Match> match(String method, String rawPath) {
    String path = rawPath;
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    Matcher m = API_PREFIX.matcher(path);
    if (!m.matches() || m.group(2) == null) {
      return Optional.empty();
    }
    Integer version = m.group(1) == null ? null : Integer.valueOf(m.group(1));
    String[] segments = m.group(2).substring(1).split("/", -1);
    Match best = null;
    int bestLiterals = -1;
    for (Route r : routes) {
      if (!r.method().equalsIgnoreCase(method)) {
        continue;
      }
      List<String> template = r.segments();
      if (template.size() != segments.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int literals = 0;
      boolean ok = true;
      for (int i = 0; i < segments.length && ok; i++) {
        String t = template.get(i);
        String s = decode(segments[i]);
        if (t.startsWith(":")) {
          ok = !s.isEmpty();
          params.put(t.substring(1), s);
        } else {
          ok = t.equals(s);
          literals++;
        }
      }
      if (ok && literals > bestLiterals) {
        best = new Match(r, version, Collections.unmodifiableMap(params));
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String decode(String segment) {
    try {
      return java.net.URLDecoder.decode(
          segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }

  /** Every schema file the catalog names (JSON Schemas and NML schemas). */
  public List<String> referencedSchemas() {
    List<String> out = new ArrayList<>();
    for (Route r : routes) {
      if (r.request() != null && r.request().schema() != null) {
        out.add(r.request().schema());
      }
      for (Route.Response res : r.responses().values()) {
        if (res.schema() != null) {
          out.add(res.schema());
        }
        if (res.nml() != null) {
          out.add(res.nml());
        }
      }
    }
    return out.stream().distinct().toList();
  }

  static JsonNode tree(String text) {
    return ContractFiles.CATALOG_JSON.readTree(text);
  }
}
