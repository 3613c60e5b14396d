package org.wkcheck.conformance.checks;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.wkcheck.conformance.http.ExchangeLog;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The small named checks the conformance tests compose. Each fails with a {@link CheckFailure}: a
 * stable title, expected versus actual, and the exchange that showed it. Error-message wording is
 * never checked (the document says it may change). The checks on lists are {@link ListChecks};
 * which fields may differ between two reads of one object, {@link Stable}.
 */
public final class Checks {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Scope DOCUMENTED = new Scope(Contract.documented(), n -> {}, null);
  private static final ThreadLocal<Scope> SCOPE = ThreadLocal.withInitial(() -> DOCUMENTED);

  private Checks() {}

  /**
   * The contract the schema checks on this thread use until it is closed, and where the notices of
   * a strict one go. A notice (a field the schema does not list) never fails a check: the document
   * says new response fields are not breaking. Each notice names the schema, the place in the body
   * and the request. Without a scope the checks use the documented contract.
   */
  public static Scope use(Contract contract, Consumer<String> notices) {
    Scope s = new Scope(contract, notices, SCOPE.get());
    SCOPE.set(s);
    return s;
  }

  /** A contract in use on one thread (a conformance run), and how many documents it judged. */
  public static final class Scope implements AutoCloseable {
    private final Contract contract;
    private final Consumer<String> notices;
    private final Scope outer;
    private final java.util.concurrent.atomic.AtomicLong validated =
        new java.util.concurrent.atomic.AtomicLong();

    private Scope(Contract contract, Consumer<String> notices, Scope outer) {
      this.contract = contract;
      this.notices = notices;
      this.outer = outer;
    }

    /** How many documents the schema checks judged under this contract. */
    public long validated() {
      return validated.get();
    }

    @Override
    public void close() {
      if (outer == null || outer == DOCUMENTED) {
        SCOPE.remove();
      } else {
        SCOPE.set(outer);
      }
    }
  }

  private static CheckFailure fail(String title, String expected, String actual) {
    return new CheckFailure(title, expected, actual, ExchangeLog.last());
  }

  private static String preview(Response r) {
    String body;
    try {
      body = r.asString();
    } catch (RuntimeException e) {
      body = "<unreadable body>";
    }
    body = body == null ? "" : body.replaceAll("\\s+", " ");
    // redirects are never followed: a 3xx is the answer, shown with where it points
    String location = r.statusCode() / 100 == 3 ? r.header("Location") : null;
    return r.statusCode()
        + (location == null ? "" : " (Location: " + location + ", not followed)")
        + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
  }

  // --- status ---------------------------------------------------------------------------------

  /** StatusIs: the answer has exactly this status. */
  public static void status(Response r, int expected) {
    if (r.statusCode() != expected) {
      throw fail("Status is " + expected, Integer.toString(expected), preview(r));
    }
  }

  /** NotServerError: whatever the answer, it is no 5xx. */
  public static void notServerError(Response r) {
    if (r.statusCode() >= 500) {
      throw fail("No server error", "a status below 500", preview(r));
    }
  }

  /**
   * Refused: a 4xx. The document defines no error format, so the envelope is checked only where its
   * own requirement is tested ({@link #errorEnvelope}).
   */
  public static void refused(Response r) {
    if (r.statusCode() < 400 || r.statusCode() > 499) {
      throw fail("Refused with a 4xx", "a 4xx status", preview(r));
    }
  }

  /**
   * RefusedNever5xx: a 4xx; a 5xx fails as "No server error" (a server that breaks on the request),
   * anything else as "Refused with a 4xx".
   */
  public static void refusedNever5xx(Response r) {
    notServerError(r);
    refused(r);
  }

  /** Refused with one of the given statuses. */
  public static void refused(Response r, int... statuses) {
    for (int s : statuses) {
      if (r.statusCode() == s) {
        return;
      }
    }
    throw fail(
        "Refused",
        "status "
            + java.util.Arrays.stream(statuses)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(" or ")),
        preview(r));
  }

  /** RequiresAuth: refused with 401 or 403, as a route that needs a login. */
  public static void requiresLogin(Response r) {
    if (r.statusCode() != 401 && r.statusCode() != 403) {
      throw fail("Requires a login", "401 or 403", preview(r));
    }
  }

  /** ErrorEnvelope: the body is webKnossos' error envelope {"messages":[{"error":"..."}]}. */
  public static void errorEnvelope(Response r) {
    List<Violation> v = validate(r, "documented/error-envelope.json");
    if (!v.isEmpty()) {
      throw fail(
          "Error envelope",
          "{\"messages\":[{\"error\":\"...\"}]}",
          describe(v) + " in " + preview(r));
    }
  }

  // --- bodies ---------------------------------------------------------------------------------

  /** IsJson: the body parses as JSON. */
  public static JsonNode json(Response r) {
    try {
      JsonNode n = JSON.readTree(r.asByteArray());
      if (n == null || n.isMissingNode()) {
        throw fail("Body is JSON", "a JSON body", "an empty body");
      }
      return n;
    } catch (JacksonException e) {
      throw fail(
          "Body is JSON",
          "a JSON body",
          "not JSON (" + e.getOriginalMessage() + "): " + preview(r));
    }
  }

  /** ContentType: the answer declares this media type. */
  public static void contentType(Response r, String mediaType) {
    String ct = r.contentType() == null ? "" : r.contentType();
    if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith(mediaType)) {
      throw fail("Content type " + mediaType, mediaType, ct.isEmpty() ? "none" : ct);
    }
  }

  /** MatchesSchema: the JSON body conforms to the schema (unknown extra fields allowed). */
  public static JsonNode matchesSchema(Response r, String schema) {
    JsonNode body = json(r);
    List<Violation> v = violations(schema, body);
    if (!v.isEmpty()) {
      throw fail("Response matches " + schema, "a body conforming to " + schema, describe(v));
    }
    return body;
  }

  /** A value (not a response) conforms to a schema. */
  public static void matchesSchema(JsonNode value, String schema, String what) {
    List<Violation> v = violations(schema, value);
    if (!v.isEmpty()) {
      throw fail(what + " matches " + schema, "a document conforming to " + schema, describe(v));
    }
  }

  /** Ok: 200 with a JSON body conforming to the schema; returns the body. */
  public static JsonNode ok(Response r, String schema) {
    status(r, 200);
    contentType(r, "application/json");
    return matchesSchema(r, schema);
  }

  private static List<Violation> validate(Response r, String schema) {
    try {
      return violations(schema, JSON.readTree(r.asByteArray()));
    } catch (JacksonException e) {
      return List.of(new Violation("", "json", schema, "the body is not JSON", false));
    }
  }

  /** The violations of the document against the schema; notices go to the notice sink. */
  private static List<Violation> violations(String schema, JsonNode document) {
    List<Violation> failing = new ArrayList<>();
    Scope scope = SCOPE.get();
    scope.validated.incrementAndGet();
    for (Violation v : scope.contract.schemas().validate(schema, document)) {
      if (!v.notice()) {
        failing.add(v);
        continue;
      }
      var last = ExchangeLog.last();
      scope.notices.accept(
          schema + " " + v + (last == null ? "" : " in the answer to " + last.requestLine()));
    }
    return failing;
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().limit(5).map(Violation::toString).collect(Collectors.joining("; "))
        + (violations.size() > 5 ? " (and " + (violations.size() - 5) + " more)" : "");
  }

  // --- values ---------------------------------------------------------------------------------

  /** Equal: a value is what the requirement says it must be. */
  public static void equal(Object actual, Object expected, String title) {
    if (!Objects.equals(actual, expected)) {
      throw fail(title, String.valueOf(expected), String.valueOf(actual));
    }
  }

  /**
   * SameObject: two reads show the same object: equal once the {@link Stable#VOLATILE} fields are
   * masked (and whatever {@link Stable#except} removed before). The actual value names the places
   * that differ.
   */
  public static void sameObject(JsonNode expected, JsonNode actual, String title) {
    JsonNode a = Stable.of(expected);
    JsonNode b = Stable.of(actual);
    if (!a.equals(b)) {
      throw fail(
          title,
          "the same fields and values (but "
              + String.join(", ", new java.util.TreeSet<>(Stable.VOLATILE))
              + ")",
          String.join("; ", Stable.differences(a, b, 5)));
    }
  }

  /**
   * Keeps: an answer to a write shows every field of the object as it was read before the write,
   * but the fields the write changes ({@code changing}: top-level names or paths such as {@code
   * task/status}) and the {@link Stable#VOLATILE} ones. Fields the answer adds (a success message,
   * numberOfOpenAssignments) are not compared; a field it leaves out differs.
   */
  public static void keeps(JsonNode before, JsonNode answer, String title, String... changing) {
    JsonNode a = Stable.except(before, changing);
    JsonNode b = Stable.except(answer, changing);
    List<String> differences = new ArrayList<>();
    for (String name : a.propertyNames()) {
      if (differences.size() >= 5) {
        break;
      }
      differences.addAll(
          Stable.differences(a.get(name), b.path(name), 5 - differences.size()).stream()
              .map(d -> "/" + name + (d.startsWith("/:") ? d.substring(1) : d))
              .toList());
    }
    if (!differences.isEmpty()) {
      throw fail(
          title,
          "every field as before"
              + (changing.length == 0 ? "" : " but " + String.join(", ", changing))
              + " (instants of use apart)",
          String.join("; ", differences));
    }
  }

  /** That: a condition the requirement states holds. */
  public static void that(boolean condition, String title, String expected, Object actual) {
    if (!condition) {
      throw fail(title, expected, String.valueOf(actual));
    }
  }
}
