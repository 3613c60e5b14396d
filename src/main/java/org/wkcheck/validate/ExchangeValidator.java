package org.wkcheck.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.Route;
import org.wkcheck.contract.RouteCatalog;
import org.wkcheck.contract.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks one recorded exchange against the contract: matches it to a documented route (any {@code
 * /api/vN} prefix), looks up the answer documented for its status, and checks the content type and
 * the body (JSON against its schema, NML against the NML schema, every NML in a ZIP too).
 */
public final class ExchangeValidator {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The verdict on an exchange. */
  public enum Verdict {
    CONFORMS,
    VIOLATES,
    NOT_DOCUMENTED
  }

  /** What was found: the verdict, the route and schema used, violations and notices. */
  public record Result(
      Exchange exchange,
      Verdict verdict,
      String route,
      String schema,
      List<Violation> violations,
      List<Violation> notices) {}

  private final Contract contract;

  public ExchangeValidator(Contract contract) {
    this.contract = contract;
  }

  public Result validate(Exchange e) {
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

  private static Result result(Exchange e, Route route, String schema, List<Violation> found) {
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

  private static JsonNode jsonBody(Exchange e, List<Violation> found) {
    if (e.json() != null) {
      return e.json();
    }
    if (e.bytes() != null) {
      try {
        return JSON.readTree(e.bytes());
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

  /** An NML body, or a ZIP whose NMLs are checked (and which must hold at least one). */
  private void checkFile(Exchange e, String nmlSchema, List<Violation> found) {
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
      int nmls = 0;
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b))) {
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
          if (entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".nml")) {
            nmls++;
            for (Violation v : contract.nmlSchema(nmlSchema).validate(zip.readAllBytes())) {
              found.add(
                  new Violation(
                      entry.getName() + " " + v.pointer(),
                      v.keyword(),
                      v.schemaLocation(),
                      v.message(),
                      false));
            }
          }
        }
      } catch (IOException | IllegalArgumentException ex) {
        found.add(
            new Violation("", "zip", nmlSchema, "a broken ZIP archive: " + ex.getMessage(), false));
        return;
      }
      if (nmls == 0) {
        found.add(new Violation("", "zip", nmlSchema, "the ZIP archive holds no NML file", false));
      }
    } else {
      found.addAll(contract.nmlSchema(nmlSchema).validate(b));
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
