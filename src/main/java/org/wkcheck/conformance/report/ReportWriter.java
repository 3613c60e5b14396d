package org.wkcheck.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wkcheck.conformance.http.Exchange;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code report.json} and {@code report.md} of a conformance run. */
public final class ReportWriter {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ReportWriter() {}

  public static void write(ConformanceReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("report.json"), JSON.writeValueAsString(report), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), markdown(report), StandardCharsets.UTF_8);
  }

  static String markdown(ConformanceReport r) {
    StringBuilder md = new StringBuilder();
    ConformanceReport.Summary s = r.summary();
    md.append("# wkcheck conformance report\n\n");
    md.append("- Target: ")
        .append(r.target())
        .append(r.apiVersion() == null ? " (`/api`)" : " (`/api/v" + r.apiVersion() + "`)")
        .append('\n');
    md.append(
        "- Profile: %s, run %s, %s, %s s\n"
            .formatted(
                r.profile(), r.runId(), Instant.ofEpochMilli(r.startedAt()), r.millis() / 1000.0));
    md.append(
        ("- **%s failed, %s passed, %s skipped, %s not tested** testable requirements;"
                + " %s not testable; %s tests\n")
            .formatted(
                s.failed(), s.passed(), s.skipped(), s.notTested(), s.notTestable(), s.tests()));
    if (!r.leftBehind().isEmpty()) {
      md.append("- Left on the target (could not be removed): ")
          .append(String.join(", ", r.leftBehind()))
          .append('\n');
    }
    md.append('\n');

    List<TestOutcome> failures =
        r.tests().stream().filter(t -> t.status() == TestOutcome.Status.FAILED).toList();
    if (!failures.isEmpty()) {
      md.append("## Failures\n\n");
      Map<String, ConformanceReport.RequirementResult> byId = new LinkedHashMap<>();
      r.requirements().forEach(q -> byId.put(q.id(), q));
      for (TestOutcome t : failures) {
        TestOutcome.Failure f = t.failure();
        md.append("### ")
            .append(
                t.requirements().isEmpty() ? "" : "[" + String.join(", ", t.requirements()) + "] ")
            .append(f.title())
            .append("\n\n");
        for (String id : t.requirements()) {
          ConformanceReport.RequirementResult q = byId.get(id);
          if (q == null) {
            md.append("> (unknown requirement ").append(id).append(")\n");
            continue;
          }
          md.append("> **").append(q.level()).append("** ").append(q.statement()).append("\n");
          if (q.quote() != null && !q.quote().isBlank()) {
            md.append(">\n> The document: \u201c").append(q.quote()).append("\u201d\n");
          }
        }
        md.append("\n- Test: `").append(t.name()).append("`\n");
        if (t.rerun() != null) {
          md.append("- Rerun: `").append(t.rerun()).append("`\n");
        }
        md.append("- Expected: ").append(inline(f.expected())).append('\n');
        md.append("- Actual: ").append(inline(f.actual())).append('\n');
        Exchange e = f.exchange();
        if (e != null) {
          md.append("- Request: `").append(e.requestLine()).append("`\n");
          if (e.requestBody() != null && !e.requestBody().isEmpty()) {
            md.append("- Request body: `").append(inline(e.requestBody())).append("`\n");
          }
          md.append("- Response: ")
              .append(
                  e.error() != null
                      ? e.error()
                      : e.status()
                          + " "
                          + (e.contentType() == null ? "" : e.contentType())
                          + (e.location() == null
                              ? ""
                              : " (Location: `" + e.location() + "`, not followed)"))
              .append('\n');
          if (e.responseBody() != null && !e.responseBody().isEmpty()) {
            md.append("\n```\n")
                .append(
                    e.responseBody().length() > 1500
                        ? e.responseBody().substring(0, 1500) + "…"
                        : e.responseBody())
                .append("\n```\n");
          }
          md.append("\nReproduce:\n\n```sh\n").append(e.curl()).append("\n```\n");
        }
        md.append('\n');
      }
    }

    md.append("## Requirements by route group\n\n");
    String group = null;
    for (ConformanceReport.RequirementResult q : r.requirements()) {
      if (!q.group().equals(group)) {
        group = q.group();
        md.append("\n### ")
            .append(group)
            .append("\n\n| status | requirement | level | statement |\n|---|---|---|---|\n");
      }
      String note =
          q.message() != null && q.status() != ConformanceReport.Status.PASSED
              ? "<br>*" + inline(q.message()) + "*"
              : "";
      md.append(
          "| %s | `%s` | %s | %s%s |\n"
              .formatted(mark(q.status()), q.id(), q.level(), inline(q.statement()), note));
    }
    md.append("\n## Routes\n\n| status | route | requests |\n|---|---|---|\n");
    for (ConformanceReport.RouteResult route : r.routes()) {
      md.append(
          "| %s | `%s %s` | %s |\n"
              .formatted(mark(route.status()), route.method(), route.path(), route.requests()));
    }
    return md.toString();
  }

  private static String mark(ConformanceReport.Status s) {
    return switch (s) {
      case PASSED -> "pass";
      case FAILED -> "**FAIL**";
      case SKIPPED -> "skip";
      case NOT_TESTED -> "not tested";
      case NOT_TESTABLE -> "not testable";
    };
  }

  private static String inline(String s) {
    return s == null ? "" : s.replace("\n", " ").replace("|", "\\|");
  }
}
