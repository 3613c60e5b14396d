package org.wkcheck.contract;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The example documents of the schemas: {@code schemas/<profile>/examples/<schema path without
 * .json>/pass/*.json} MUST validate, {@code .../fail/<what-it-breaks>.json} MUST NOT. In strict
 * mode a passing example with an extra field MUST give notices only, never violations.
 */
public class SchemaExamplesTest {
  private static final SchemaSet SCHEMAS =
      new SchemaSet(ContractFiles.folder(SchemaFilesTest.SCHEMAS), false);
  private static final SchemaSet STRICT =
      new SchemaSet(ContractFiles.folder(SchemaFilesTest.SCHEMAS), true);

  /** (schema path, example file, expected to pass). */
  @DataProvider
  public static Object[][] examples() throws IOException {
    List<Object[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SchemaFilesTest.SCHEMAS)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String rel = SchemaFilesTest.SCHEMAS.relativize(p).toString().replace('\\', '/');
        int ex = rel.indexOf("/examples/");
        if (ex < 0) {
          continue;
        }
        String profile = rel.substring(0, ex);
        String rest = rel.substring(ex + "/examples/".length());
        String[] parts = rest.split("/");
        String verdict = parts[parts.length - 2];
        String schema =
            profile + "/" + String.join("/", List.of(parts).subList(0, parts.length - 2)) + ".json";
        if (!verdict.equals("pass") && !verdict.equals("fail")) {
          throw new IllegalStateException(rel + " is neither in a pass/ nor in a fail/ folder");
        }
        out.add(new Object[] {schema, rel, verdict.equals("pass")});
      }
    }
    return out.toArray(new Object[0][]);
  }

  @Test
  public void thereAreExamples() throws IOException {
    assertTrue(examples().length > 0, "no examples under schemas/*/examples");
  }

  @Test(dataProvider = "examples")
  public void exampleHasItsVerdict(String schema, String example, boolean pass) throws IOException {
    String text = Files.readString(SchemaFilesTest.SCHEMAS.resolve(example));
    List<Violation> violations = SCHEMAS.validate(schema, text);
    if (pass) {
      assertTrue(violations.isEmpty(), example + " should pass " + schema + ": " + violations);
    } else {
      assertFalse(violations.isEmpty(), example + " should fail " + schema + " but passes");
    }
  }

  /** Strict mode MUST report only notices, never violations, on documents that pass. */
  @Test(dataProvider = "examples")
  public void strictModeGivesOnlyNoticesOnPassingExamples(
      String schema, String example, boolean pass) throws IOException {
    if (!pass) {
      return;
    }
    String text = Files.readString(SchemaFilesTest.SCHEMAS.resolve(example));
    for (Violation v : STRICT.validate(schema, text)) {
      assertTrue(v.notice(), example + " in strict mode: " + v);
    }
  }
}
