package org.wkcheck.validate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.InputRefused;
import org.wkcheck.contract.Route;
import org.wkcheck.contract.RouteCatalog;
import org.wkcheck.contract.SchemaSet;
import org.wkcheck.contract.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks one recorded exchange against the contract: matches it to a documented route (any {@code
 * /api/vN} prefix), looks up the answer documented for its status, and checks the content type and
 * the body (JSON against its schema, NML against the NML schema, every NML in a ZIP too). A body
 * beyond the {@link InputLimits} (a ZIP bomb, JSON nested too deep, XML too deep) is refused:
 * {@link InputRefused}, neither conforming nor violating.
 */
public final class ExchangeValidator {

  /** The verdict on an exchange. */
  public enum Verdict {
    CONFORMS,
    VIOLATES,
    NOT_DOCUMENTED
  }

  /** What was found: the verdict, the route and schema used, violations and notices. */
  public record Result(
      RecordedExchange exchange,
      Verdict verdict,
      String route,
      String schema,
      List<Violation> violations,
      List<Violation> notices) {}

  private final Contract contract;
  private final InputLimits limits;
  private final JsonMapper json;

  public ExchangeValidator(Contract contract) {
    this(contract, InputLimits.DEFAULTS);
  }

  public ExchangeValidator(Contract contract, InputLimits limits) {
    this.contract = contract;
    this.limits = limits;
    this.json = InputLimits.json(limits.maxBody(), InputLimits.MAX_JSON_TOKENS);
  }

  public Result validate(RecordedExchange e) throws InputRefused {
    Optional<RouteCatalog.Match> match = contract.routes().match(e.method(), e.path());
    if (match.isEmpty()) {
      return new Result(e, Verdict.NOT_DOCUMENTED, null, null, List.of(), List.of());
    }
    Route route = match.get().route();
    List<Violation> found = new ArrayList<>();
    Optional<Route.Response> spec = route.responseFor(e.status());
    if (spec.isEmpty()) {
      found.add(
          new Violation(
              "",
              "status",
              route.id(),
              "status " + e.status() + " is not documented for this route",
              false));
      return result(e, route, null, found);
    }
    Route.Response r = spec.get();
    if (!r.contentTypes().isEmpty()
        && !e.mediaType().isEmpty()
        && !r.contentTypes().contains(e.mediaType())) {
      found.add(
          new Violation(
              "",
              "contentType",
              route.id(),
              "content type "
                  + e.mediaType()
                  + ", documented: "
                  + String.join(" or ", r.contentTypes()),
              false));
    }
    if (r.schema() != null) {
      JsonNode body = jsonBody(e, found);
      if (body != null) {
        for (Violation v : contract.schemas().validate(r.schema(), body)) {
          if (!(e.sanitized() && isSanitizedValue(body, v))) {
            found.add(v);
          }
        }
      }
    } else if (r.nml() != null) {
      checkFile(e, r.nml(), found);
    }
    return result(e, route, r.schema() != null ? r.schema() : r.nml(), found);
  }

  private static Result result(
      RecordedExchange e, Route route, String schema, List<Violation> found) {
    List<Violation> violations = found.stream().filter(v -> !v.notice()).toList();
    List<Violation> notices = found.stream().filter(Violation::notice).toList();
    return new Result(
        e,
        violations.isEmpty() ? Verdict.CONFORMS : Verdict.VIOLATES,
        route.id(),
        schema,
        violations,
        notices);
  }

  private JsonNode jsonBody(RecordedExchange e, List<Violation> found) throws InputRefused {
    if (e.json() != null) {
      return e.json();
    }
    if (e.bytes() != null) {
      try {
        return json.readTree(e.bytes());
      } catch (StreamConstraintsException ex) {
        throw new InputRefused(bodyName(e) + ": " + InputLimits.describe(ex));
      } catch (JacksonException ex) {
        found.add(
            new Violation(
                "", "json", "", "the body is not JSON: " + ex.getOriginalMessage(), false));
        return null;
      }
    }
    found.add(
        new Violation(
            "", "body", "", e.bodyProblem() != null ? e.bodyProblem() : "no body recorded", false));
    return null;
  }

  /** How a refusal names the body: its file, if it came from one. */
  private static String bodyName(RecordedExchange e) {
    return e.bodyFile() != null ? e.bodyFile() : "the body";
  }

  /** An NML body, or a ZIP whose NMLs are checked (and which must hold at least one). */
  private void checkFile(RecordedExchange e, String nmlSchema, List<Violation> found)
      throws InputRefused {
    if (e.bytes() == null) {
      if (e.json() != null) {
        found.add(
            new Violation(
                "", "body", nmlSchema, "a JSON body where an NML or ZIP file is due", false));
      } else {
        found.add(
            new Violation(
                "",
                "body",
                nmlSchema,
                e.bodyProblem() != null ? e.bodyProblem() : "no body recorded",
                false));
      }
      return;
    }
    byte[] b = e.bytes();
    if (b.length >= 2 && b[0] == 'P' && b[1] == 'K') {
      int nmls;
      long[] unlisted = {0};
      try {
        nmls =
            ZipBodies.forEachNml(
                b,
                e.bodyFile() != null ? e.bodyFile() : "the ZIP body",
                limits,
                (name, nml) -> {
                  try {
                    for (Violation v : contract.nmlSchema(nmlSchema).check(nml)) {
                      if (found.size() >= SchemaSet.MAX_ERRORS) {
                        unlisted[0]++; // each NML lists at most 100; 10 000 of them would not
                        continue;
                      }
                      found.add(
                          new Violation(
                              name + " " + v.pointer(),
                              v.keyword(),
                              v.schemaLocation(),
                              v.message(),
                              false));
                    }
                  } catch (InputRefused ex) {
                    throw new InputRefused(
                        bodyName(e) + ": ZIP entry " + name + ": " + ex.getMessage());
                  }
                });
      } catch (IOException | IllegalArgumentException ex) {
        found.add(
            new Violation("", "zip", nmlSchema, "a broken ZIP archive: " + ex.getMessage(), false));
        return;
      }
      if (nmls == 0) {
        found.add(new Violation("", "zip", nmlSchema, "the ZIP archive holds no NML file", false));
      }
      if (unlisted[0] > 0) {
        found.add(
            new Violation(
                "",
                "limit",
                nmlSchema,
                unlisted[0] + " more violations in the ZIP's NML files not listed",
                false));
      }
    } else {
      try {
        found.addAll(contract.nmlSchema(nmlSchema).check(b));
      } catch (InputRefused ex) {
        throw new InputRefused(bodyName(e) + ": " + ex.getMessage());
      }
    }
  }

  /**
   * In sanitized recordings volatile values were replaced by their key names ({@code "created":
   * "created"}); such a value is not the server's and is not held against it.
   */
  private static boolean isSanitizedValue(JsonNode body, Violation v) {
    String pointer = v.pointer();
    if (pointer.isEmpty()) {
      return false;
    }
    JsonNode value = body.at(pointer);
    String key = pointer.substring(pointer.lastIndexOf('/') + 1);
    return value.isString() && value.asString().equals(key);
  }
}
