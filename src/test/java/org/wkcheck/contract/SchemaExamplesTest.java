package org.wkcheck.contract;

import static org.testng.Assert.assertEquals;
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
 * mode the verdicts stay, and only the passing examples with fields of later versions ({@code
 * with-later-field...}) give notices.
 */
public class SchemaExamplesTest {
  /** How the passing examples that carry fields of later webKnossos versions are named. */
  static final String LATER_FIELDS = "with-later-field";

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

  /**
   * Strict mode MUST keep every verdict and add only notices: a failing example MUST still have a
   * violation that is no notice; a passing example named {@code with-later-field...} (it carries
   * fields of later webKnossos versions) MUST give notices and nothing else; every other passing
   * example MUST give nothing at all (strict mode must not flag a documented field).
   */
  @Test(dataProvider = "examples")
  public void strictModeAddsOnlyNoticesForUndocumentedFields(
      String schema, String example, boolean pass) throws IOException {
    String text = Files.readString(SchemaFilesTest.SCHEMAS.resolve(example));
    List<Violation> found = STRICT.validate(schema, text);
    List<Violation> notices = found.stream().filter(Violation::notice).toList();
    List<Violation> violations = found.stream().filter(v -> !v.notice()).toList();
    if (!pass) {
      assertFalse(violations.isEmpty(), example + " should fail " + schema + " in strict mode too");
    } else if (Path.of(example).getFileName().toString().startsWith(LATER_FIELDS)) {
      assertEquals(violations, List.of(), example + " in strict mode");
      assertFalse(notices.isEmpty(), example + " has later fields, but strict mode notes none");
    } else {
      assertEquals(found, List.of(), example + " in strict mode");
    }
  }
}
