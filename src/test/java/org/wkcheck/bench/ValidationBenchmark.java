package org.wkcheck.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.wkcheck.contract.ContractFiles;
import org.wkcheck.contract.SchemaSet;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validation throughput of typical response documents on one thread: a task, a full annotation
 * (with its task), the caller, a project and a team, as the reference server answers them, each
 * validated against its schema. One operation validates one document (the five in turn). Run with
 * {@code src/test/bench/validation-jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidationBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SchemaSet schemas;
  private final List<String> schemaPaths = new ArrayList<>();
  private final List<JsonNode> documents = new ArrayList<>();
  private final List<byte[]> raw = new ArrayList<>();
  private int next;

  @Setup
  public void setUp() throws Exception {
    schemas = new SchemaSet(ContractFiles.classpath(), false);
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      HttpClient http = HttpClient.newHttpClient();
      String[][] cases = {
        {"/api/tasks/" + SeedWorld.TASK_1, "documented/task.json"},
        {
          "/api/annotations/Task/" + SeedWorld.TASK_ANNOTATION_1 + "/info",
          "documented/annotation.json"
        },
        {"/api/user", "documented/user.json"},
        {"/api/projects/Test_Project", "documented/project.json"},
        {"/api/datasets/Organization_X/l4_sample", "documented/dataset.json"},
      };
      for (String[] c : cases) {
        byte[] body =
            http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + c[0]))
                        .header("X-Auth-Token", SeedWorld.token('A'))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body();
        JsonNode doc = JSON.readTree(body);
        if (!schemas.validate(c[1], doc).isEmpty()) {
          throw new IllegalStateException(c[0] + " does not conform to " + c[1]);
        }
        raw.add(body);
        documents.add(doc);
        schemaPaths.add(c[1]);
      }
    }
  }

  /** Validating an already parsed document. */
  @Benchmark
  public void validateParsed(Blackhole bh) {
    int i = next++ % documents.size();
    bh.consume(schemas.validate(schemaPaths.get(i), documents.get(i)));
  }

  /** Parsing the response bytes and validating them, as the validator does with recordings. */
  @Benchmark
  public void parseAndValidate(Blackhole bh) {
    int i = next++ % documents.size();
    bh.consume(schemas.validate(schemaPaths.get(i), JSON.readTree(raw.get(i))));
  }
}
