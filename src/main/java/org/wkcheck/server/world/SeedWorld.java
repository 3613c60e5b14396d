package org.wkcheck.server.world;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Color;
import org.wkcheck.nml.Nml.Edge;
import org.wkcheck.nml.Nml.Node;
import org.wkcheck.nml.Nml.Parameters;
import org.wkcheck.nml.Nml.Tree;
import org.wkcheck.nml.Nml.Vec3d;

/**
 * The deterministic seeded world, built from the seed file {@code
 * src/main/resources/seed/world.json} ({@link SeedFile}; schema {@code schemas/seed/world.json}).
 * It mirrors webKnossos' own test database ({@code test/db} of release 24.05; facts file section
 * 15): the same ids, names, roles, team memberships and tokens, so the default settings of wkcheck
 * fit both this server and a webKnossos development server loaded with that database. What wkcheck
 * adds to that database is marked in the file with {@code wkcheckAddition}. The file describes
 * annotation contents rather than listing them; {@link #skeleton} and {@link #volumeData} generate
 * them from their seeds.
 *
 * <p>The constants name seeded objects for tests and commands; {@code SeedWorldFileTest} checks
 * that each names an object of the file.
 */
public final class SeedWorld {
  public static final String ORG_X = "5ab0c6a674d0af7b003b23ac";
  public static final String ORG_Y = "6bb0c6a674d0af7b003b23bd";

  public static final String USER_A = "570b9f4d2a7c0e4d008da6ef";
  public static final String USER_B = "670b9f4d2a7c0e4d008da6ef";
  public static final String USER_C = "770b9f4d2a7c0e4d008da6ef";
  public static final String USER_D = "870b9f4d2a7c0e4d008da6ef";
  public static final String USER_E = "970b9f4d2a7c0e4d008da6ef";

  public static final String TEAM_X1 = "570b9f4b2a7c0e3b008da6ec";
  public static final String TEAM_X2 = "69882b370d889b84020efd4f";
  public static final String TEAM_X3 = "59882b370d889b84020efd3f";
  public static final String TEAM_X4 = "59882b370d889b84020efd6f";
  public static final String TEAM_Y1 = "70882b370d889b84020efd5f";

  public static final String TASK_TYPE_1 = "570b9f4c2a7c0e4c008da6ee";
  public static final String TASK_TYPE_2 = "570b9f4c2a7c0e4c008da6ff";
  public static final String SCRIPT = "5aead7aaf5be4b070173295b";

  public static final String PROJECT_1 = "58135bfd2faeb3190181c057";
  public static final String PROJECT_2 = "68135bfd2faeb3190181c058";
  public static final String PROJECT_3 = "78135bfd2faeb3190181c058";
  public static final String PROJECT_4 = "58135bfd2faeb3190181c05a";

  public static final String TASK_1 = "58135c192faeb34c0081c058";
  public static final String TASK_2 = "581367a82faeb37a008a5352";
  public static final String TASK_3 = "581367a82faeb37a008a5354";
  public static final String TASK_4 = "681367a82faeb37a008a5354";

  public static final String EXPLORATIONAL_1 = "570ba0092a7c0e980056fe9b";
  public static final String EXPLORATIONAL_2 = "68135c192faeb34c0081c05d";
  public static final String EXPLORATIONAL_PUBLIC = "88135c192faeb34c0081c05d";
  public static final String TASK_ANNOTATION_1 = "58135c402faeb34e0081c068";
  public static final String TASK_ANNOTATION_2 = "78135c192faeb34c0081c05d";
  public static final String TASK_ANNOTATION_3 = "78135c192faeb34c0081c05e";

  /** Added by wkcheck: a hybrid explorational annotation (skeleton and volume) on l4_sample. */
  public static final String EXPLORATIONAL_VOLUME = "5eed0c0de000000000000001";

  /** Added by wkcheck: a cancelled task annotation of task 4, which lists leave out. */
  public static final String TASK_ANNOTATION_CANCELLED = "5eed0c0de000000000000002";

  public static final String DATASET_CORTEX = "570b9f4e4bb848d0885ee711";
  public static final String DATASET_CONFOCAL = "59e9cfbdba632ac2ab8b23b3";
  public static final String DATASET_L4 = "59e9cfbdba632ac2ab8b23b5";

  private SeedWorld() {}

  /** The token of a seeded user ({@code 'A'} to {@code 'E'}), as the seed file gives it. */
  public static String token(char user) {
    String id =
        switch (user) {
          case 'A' -> USER_A;
          case 'B' -> USER_B;
          case 'C' -> USER_C;
          case 'D' -> USER_D;
          case 'E' -> USER_E;
          default -> throw new IllegalArgumentException("no seeded user " + user);
        };
    return SeedFile.bundled().users().stream()
        .filter(u -> u.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the seed file has no user " + id))
        .token();
  }

  /**
   * Writes the token of a seeded user into a file readable only by its owner, for scripts that
   * drive the embedded server (the wrk benchmark): {@code SeedWorld FILE [A-E]}. Tokens are never
   * printed.
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println(
          "usage: SeedWorld FILE [A-E]  (writes that seeded user's token into FILE)");
      System.exit(2);
    }
    writeSecret(java.nio.file.Path.of(args[0]), token(args.length == 2 ? args[1].charAt(0) : 'A'));
  }

  /**
   * Writes {@code text} (tokens) into a file that only its owner may read, made so before the text
   * is written; an existing file is overwritten, anything but a regular file refused.
   */
  public static void writeSecret(java.nio.file.Path file, String text) throws java.io.IOException {
    if (!java.nio.file.Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      java.nio.file.Files.createFile(file);
    } else if (!java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new java.io.IOException(file + " is not a regular file");
    }
    try {
      java.nio.file.Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing more to restrict
    }
    java.nio.file.Files.writeString(file, text);
  }

  /** A fresh world as the seed file describes it. */
  public static World create() {
    return create(SeedFile.bundled());
  }

  /** A fresh world as {@code seed} describes it; a dangling or ambiguous name is refused. */
  static World create(SeedFile seed) {
    DataStore store = seed.dataStore();
    World w = new World(store, seed.tracingStore());
    w.write(
        () -> {
          new Loader(w, store).load(seed);
          return null;
        });
    return w;
  }

  /** Adds the seed's objects to a world in file order, resolving the names they refer by. */
  private static final class Loader {
    private final World w;
    private final DataStore store;
    private final Names<Organization> organizations = new Names<>("organization");
    private final Names<Team> teams = new Names<>("team");
    private final Names<User> users = new Names<>("user");
    private final Names<Dataset> datasets = new Names<>("dataset");
    private final Names<TaskType> taskTypes = new Names<>("task type");
    private final Names<Project> projects = new Names<>("project");
    private final Names<Task> tasks = new Names<>("task");

    Loader(World w, DataStore store) {
      this.w = w;
      this.store = store;
    }

    void load(SeedFile seed) {
      for (SeedFile.Organization o : seed.organizations()) {
        Organization org = new Organization(o.id(), o.name(), o.displayName(), o.logoUrl());
        w.add(organizations.put(o.name(), org));
      }
      for (SeedFile.Team t : seed.teams()) {
        String in = "team " + t.id();
        Organization org = organizations.get(t.organization(), in);
        long created = t.created().toEpochMilli();
        w.add(
            teams.put(t.name(), new Team(t.id(), org, t.name(), t.isOrganizationTeam(), created)));
      }
      seed.users().forEach(this::user);
      seed.datasets().forEach(this::dataset);
      seed.taskTypes().forEach(this::taskType);
      for (SeedFile.Script s : seed.scripts()) {
        User owner = users.get(s.owner(), "script " + s.id());
        Script script = new Script(s.id(), owner, s.name(), s.gist(), s.created().toEpochMilli());
        w.add(script);
      }
      seed.projects().forEach(this::project);
      seed.tasks().forEach(this::task);
      seed.annotations().forEach(this::annotation);
    }

    private void user(SeedFile.User u) {
      String in = "user " + u.id();
      Map<String, Boolean> memberships = new LinkedHashMap<>();
      for (SeedFile.Membership m : u.teams()) {
        memberships.put(teams.get(m.name(), in).id(), m.isTeamManager());
      }
      User user = new User(u, organizations.get(u.organization(), in), memberships);
      w.add(users.put(u.email(), user));
    }

    private void dataset(SeedFile.Dataset d) {
      String in = "dataset " + d.id();
      List<DataLayer> layers = new ArrayList<>();
      for (SeedFile.DataLayer l :
          Objects.requireNonNullElse(d.layers(), List.<SeedFile.DataLayer>of())) {
        SeedFile.BoundingBox b = l.boundingBox();
        int[] p = b.topLeft();
        layers.add(
            new DataLayer(
                l.name(),
                l.category(),
                l.elementClass(),
                new int[] {p[0], p[1], p[2], b.width(), b.height(), b.depth()},
                l.resolutions().stream().map(int[]::clone).toList(),
                l.largestSegmentId(),
                List.of()));
      }
      long created = d.created().toEpochMilli();
      Dataset dataset =
          new Dataset(
              d.id(),
              organizations.get(d.organization(), in),
              store,
              d.name(),
              null,
              null,
              d.isPublic(),
              d.isUsable(),
              Objects.requireNonNullElse(d.status(), ""),
              d.scale() == null ? null : vec(d.scale()),
              List.copyOf(layers),
              d.allowedTeams().stream().map(t -> teams.get(t, in)).toList(),
              d.folderId(),
              List.of(),
              created,
              created);
      w.add(datasets.put(d.name(), dataset));
    }

    private void taskType(SeedFile.TaskType t) {
      String in = "task type " + t.id();
      TaskType type =
          new TaskType(
              t.id(),
              organizations.get(t.organization(), in),
              teams.get(t.team(), in),
              t.summary(),
              t.description(),
              t.settings(),
              t.tracingType(),
              t.created().toEpochMilli());
      w.add(taskTypes.put(t.summary(), type));
    }

    private void project(SeedFile.Project p) {
      String in = "project " + p.id();
      Project project =
          new Project(
              p.id(),
              organizations.get(p.organization(), in),
              p.created().toEpochMilli(),
              new Project.Settings(
                  p.name(),
                  teams.get(p.team(), in),
                  users.get(p.owner(), in),
                  p.priority(),
                  p.paused(),
                  p.expectedTime(),
                  p.isBlacklistedFromReport()));
      w.add(projects.put(p.name(), project));
    }

    private void task(SeedFile.Task t) {
      String in = "task " + t.id();
      Task task =
          new Task(
              t.id(),
              projects.get(t.project(), in),
              taskTypes.get(t.taskType(), in),
              null,
              datasets.get(t.dataset(), in),
              t.neededExperience().domain(),
              t.neededExperience().value(),
              t.totalInstances(),
              t.openInstances(),
              null,
              vec(t.editPosition()),
              vec(t.editRotation()),
              null,
              null,
              t.created().toEpochMilli());
      w.add(tasks.put(t.id(), task));
    }

    private void annotation(SeedFile.Annotation a) {
      String in = "annotation " + a.id();
      Dataset dataset = datasets.get(a.dataset(), in);
      SeedFile.Skeleton skeleton = a.skeleton();
      List<AnnotationContent.VolumeLayer> volumes = new ArrayList<>();
      for (SeedFile.Volume v :
          Objects.requireNonNullElse(a.volumes(), List.<SeedFile.Volume>of())) {
        SeedFile.Element e = v.element();
        Nml.Volume element =
            new Nml.Volume(
                e.id(),
                e.name(),
                e.location(),
                e.format(),
                e.fallbackLayer(),
                e.largestSegmentId(),
                List.of(),
                List.of());
        volumes.add(
            new AnnotationContent.VolumeLayer(
                v.tracingId(), element, volumeData(v.data().generated())));
      }
      AnnotationContent content =
          skeleton == null
              ? new AnnotationContent(null, null, volumes)
              : new AnnotationContent(
                  skeleton(dataset, skeleton.generated()), skeleton.tracingId(), volumes);
      Annotation an =
          new Annotation(
              a.id(),
              a.typ(),
              a.task() == null ? null : tasks.get(a.task(), in),
              dataset,
              teams.get(a.team(), in),
              users.get(a.owner(), in),
              a.created().toEpochMilli(),
              content);
      an.modified = a.modified() == null ? an.created : a.modified().toEpochMilli();
      an.name = Objects.requireNonNullElse(a.name(), an.name);
      an.visibility = Objects.requireNonNullElse(a.visibility(), an.visibility);
      an.state = Objects.requireNonNullElse(a.state(), an.state);
      an.othersMayEdit = Objects.requireNonNullElse(a.othersMayEdit(), an.othersMayEdit);
      w.add(an);
    }

    private static Vec3d vec(double[] v) {
      return new Vec3d(v[0], v[1], v[2]);
    }
  }

  /** The objects of one kind by the name others refer to them by. */
  private static final class Names<T> {
    private final String kind;
    private final Map<String, T> byName = new HashMap<>();

    Names(String kind) {
      this.kind = kind;
    }

    T put(String name, T value) {
      if (byName.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException(
            "bad seed: two " + kind + "s are called '" + name + "'; references need one");
      }
      return value;
    }

    T get(String name, String referrer) {
      T value = byName.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            "bad seed: "
                + referrer
                + " refers to "
                + kind
                + " '"
                + name
                + "', which is not declared before it");
      }
      return value;
    }
  }

  // --- generated contents ---------------------------------------------------------------------

  /**
   * A skeleton on a dataset: empty without {@code trees}, else one tree per chain, tree ids from 1
   * and node ids numbered on across the trees, all drawn from one random generator with the seed.
   */
  static Nml skeleton(Dataset ds, SeedFile.Trees trees) {
    Nml empty = Nml.empty(Parameters.of(ds.name(), ds.organization().name(), ds.scale()));
    if (trees == null) {
      return empty;
    }
    SplittableRandom rnd = new SplittableRandom(trees.seed());
    List<Tree> out = new ArrayList<>();
    int firstNode = 1;
    for (SeedFile.Chain c : trees.chains()) {
      out.add(chain(rnd, out.size() + 1, c.name(), firstNode, c.nodes()));
      firstNode += c.nodes();
    }
    return empty.withTrees(out);
  }

  /** A tree of {@code count} nodes in a random walk, each joined to the one before. */
  private static Tree chain(
      SplittableRandom rnd, int treeId, String name, int firstNode, int count) {
    List<Node> nodes = new ArrayList<>(count);
    List<Edge> edges = new ArrayList<>(count);
    int x = 3500 + rnd.nextInt(200);
    int y = 3500 + rnd.nextInt(200);
    int z = 800 + rnd.nextInt(100);
    long time = 1_500_000_000_000L + rnd.nextInt(1_000_000);
    for (int i = 0; i < count; i++) {
      int id = firstNode + i;
      nodes.add(new Node(id, 1.0, x, y, z, 0, 0, 0, 0, 0, 8, false, time));
      if (i > 0) {
        edges.add(new Edge(id - 1, id));
      }
      x += rnd.nextInt(-3, 4);
      y += rnd.nextInt(-3, 4);
      z += rnd.nextInt(0, 2);
      time += 250 + rnd.nextInt(500);
    }
    Color color = new Color(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), 1.0);
    return new Tree(treeId, color, name, null, null, null, nodes, edges);
  }

  /** Volume data: a small ZIP archive of one entry of random bytes, opaque to the server. */
  static byte[] volumeData(SeedFile.Bytes spec) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      ZipEntry entry = new ZipEntry(spec.entry());
      entry.setTime(0); // the seed is deterministic, down to the bytes of its volume data
      zip.putNextEntry(entry);
      SplittableRandom rnd = new SplittableRandom(spec.seed());
      byte[] data = new byte[spec.bytes()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) rnd.nextInt(spec.distinctValues());
      }
      zip.write(data);
      zip.closeEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }
}
