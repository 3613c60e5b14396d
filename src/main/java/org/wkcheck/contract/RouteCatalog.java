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
    for (int i = 0; i < segments.length; i++) {
      segments[i] = decode(segments[i]);
    }
    // a load run matches every answer it validates: compared in place, without allocating
    Route best = null;
    int bestLiterals = -1;
    for (Route r : routes) {
      String id = r.id();
      int space = id.indexOf(' ');
      if (space != method.length() || !id.regionMatches(true, 0, method, 0, space)) {
        continue;
      }
      int literals = literalsMatched(id, space + 1, segments);
      if (literals > bestLiterals) {
        best = r;
        bestLiterals = literals;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    List<String> template = best.segments();
    for (int i = 0; i < segments.length; i++) {
      if (template.get(i).startsWith(":")) {
        params.put(template.get(i).substring(1), segments[i]);
      }
    }
    return Optional.of(new Match(best, version, Collections.unmodifiableMap(params)));
  }

  /**
   * How many literal segments of the template (from {@code at}, the template's leading slash) the
   * decoded request segments meet, or -1 when they do not match it (another count of segments, a
   * literal that differs, an empty parameter).
   */
  private static int literalsMatched(String template, int at, String[] segments) {
    int literals = 0;
    int from = at + 1;
    for (String s : segments) {
      if (from > template.length()) {
        return -1; // the template has fewer segments
      }
      int end = template.indexOf('/', from);
      if (end < 0) {
        end = template.length();
      }
      if (from < end && template.charAt(from) == ':') {
        if (s.isEmpty()) {
          return -1;
        }
      } else if (end - from != s.length() || !template.regionMatches(from, s, 0, s.length())) {
        return -1;
      } else {
        literals++;
      }
      from = end + 1;
    }
    return from > template.length() ? literals : -1; // or the template has more segments
  }

  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment; // nothing to decode ('+' stays '+' in a path)
    }
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
