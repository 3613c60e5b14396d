package org.wkcheck.server.world;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The deterministic seeded world. It mirrors webKnossos' own test database ({@code test/db} of
 * release 24.05; facts file section 15): the same ids, names, roles, team memberships and tokens,
 * so the default settings of wkcheck fit both this server and a webKnossos development server
 * loaded with that database. Deliberate additions, each marked below: {@code l4_sample} is public
 * (as in later versions of that database), every annotation has real skeleton content (the test
 * database has none, so its annotations cannot be downloaded), one hybrid explorational annotation
 * with a volume layer exists so that a ZIP download can be checked without an upload, and one task
 * annotation is cancelled so that lists can be seen to leave it out.
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

  /** Addition: a hybrid explorational annotation (skeleton and volume) on l4_sample. */
  public static final String EXPLORATIONAL_VOLUME = "5eed0c0de000000000000001";

  /** Addition: a cancelled task annotation of task 4, which task annotation lists leave out. */
  public static final String TASK_ANNOTATION_CANCELLED = "5eed0c0de000000000000002";

  public static final String DATASET_CORTEX = "570b9f4e4bb848d0885ee711";
  public static final String DATASET_CONFOCAL = "59e9cfbdba632ac2ab8b23b3";
  public static final String DATASET_L4 = "59e9cfbdba632ac2ab8b23b5";

  private static final String ROOT_FOLDER_X = "570b9f4e4bb848d0885ea917";
  private static final String LOGO = "/assets/images/mpi-logos.svg";
  private static final String UNREPORTED = "No longer available on datastore.";

  /**
   * The tokens of the test database: 256 hex characters, the same for all five users except the
   * first two characters and the one before the last.
   */
  private static final String TOKEN_A =
      "1b88db86331a38c21a0b235794b9e459856490d70408bcffb767f64ade0f83d2"
          + "bdb4c4e181b9a9a30cdece7cb7c65208cc43b6c1bb5987f5ece00d348b1a9055"
          + "02a266f8fc64f0371cd6559393d72e031d0c2d0cabad58cccf957bb258bc86f0"
          + "5b5dc3d4fff3d5e3d9c0389a6027d861a21e78e3222fb6c5b7944520ef21761e";

  private SeedWorld() {}

  /** The token of a seeded user ({@code 'A'} to {@code 'E'}). */
  public static String token(char user) {
    int i = user - 'A';
    if (i < 0 || i > 4) {
      throw new IllegalArgumentException("no seeded user " + user);
    }
    String prefix = new String[] {"1b", "2c", "3d", "4e", "5f"}[i];
    return prefix + TOKEN_A.substring(2, 254) + (char) ('1' + i) + TOKEN_A.substring(255);
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
    java.nio.file.Path file = java.nio.file.Path.of(args[0]);
    java.nio.file.Files.writeString(file, token(args.length == 2 ? args[1].charAt(0) : 'A'));
    try {
      java.nio.file.Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing more to restrict
    }
  }

  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  public static World create() {
    DataStore store = new DataStore("localhost", "http://localhost:9000", false, true);
    World w = new World(store, "localhost", "http://localhost:9000");
    w.write(
        () -> {
          populate(w, store);
          return null;
        });
    return w;
  }

  private static void populate(World w, DataStore store) {
    Organization x = new Organization(ORG_X, "Organization_X", "Organization_X", LOGO);
    Organization y = new Organization(ORG_Y, "Organization_Y", "Organization_Y", LOGO);
    w.add(x);
    w.add(y);

    long teamsCreated = t("2017-08-07T08:56:23Z");
    Team x1 = new Team(TEAM_X1, x, "team_X1", true, t("2016-04-11T12:57:47Z"));
    Team x3 = new Team(TEAM_X3, x, "team_X3", false, teamsCreated);
    Team x4 = new Team(TEAM_X4, x, "team_X4", false, teamsCreated);
    Team x2 = new Team(TEAM_X2, x, "team_X2", false, teamsCreated);
    Team y1 = new Team(TEAM_Y1, y, "team_Y1", true, teamsCreated);
    for (Team team : List.of(x1, x3, x4, x2, y1)) {
      w.add(team);
    }

    long usersCreated = t("2016-04-11T12:57:49Z");
    User a =
        user(
            w,
            USER_A,
            x,
            'A',
            true,
            true,
            true,
            "auto",
            usersCreated,
            "2016-04-11T12:57:49.053Z",
            memberships(TEAM_X1, true, TEAM_X3, false, TEAM_X4, true),
            Map.of("abc", 5));
    user(
        w,
        USER_B,
        x,
        'B',
        false,
        false,
        true,
        "auto",
        usersCreated,
        "2016-04-12T12:57:49.053Z",
        memberships(TEAM_X1, true),
        Map.of());
    user(
        w,
        USER_C,
        x,
        'C',
        false,
        false,
        false,
        "auto",
        usersCreated,
        "2016-04-13T12:57:49.053Z",
        memberships(TEAM_X1, false),
        Map.of());
    User d =
        user(
            w,
            USER_D,
            x,
            'D',
            false,
            false,
            false,
            "light",
            usersCreated,
            "2016-04-14T12:57:49.053Z",
            memberships(TEAM_X2, true),
            Map.of());
    user(
        w,
        USER_E,
        y,
        'E',
        true,
        true,
        false,
        "dark",
        usersCreated,
        "2016-04-06T12:57:49.053Z",
        memberships(TEAM_Y1, true),
        Map.of());

    Dataset cortex =
        inactive(store, x, x1, DATASET_CORTEX, "2012-06-28_Cortex", "2016-04-11T12:57:50.082Z");
    w.add(cortex);
    w.add(
        inactive(
            store,
            x,
            x1,
            "570b9f4e4bb848d0885ee712",
            "Experiment_001",
            "2016-04-11T12:57:50.079Z"));
    w.add(
        inactive(
            store,
            x,
            x1,
            "570b9f4e4bb848d0885ee713",
            "2012-09-28_ex145_07x2",
            "2016-04-11T12:57:50.080Z"));
    w.add(inactive(store, x, x1, "570b9fd34bb848d0885ee716", "rgb", "2016-04-11T13:00:03.792Z"));
    List<int[]> cubic =
        List.of(mag(1, 1, 1), mag(2, 2, 2), mag(4, 4, 4), mag(8, 8, 8), mag(16, 16, 16));
    int[] confocalBox = {0, 0, 0, 512, 512, 256};
    Dataset confocal =
        new Dataset(
            DATASET_CONFOCAL,
            x,
            store,
            "confocal-multi_knossos",
            null,
            null,
            false,
            true,
            "",
            new Vec3d(22, 22, 44.599998474121094),
            List.of(
                new DataLayer("color_1", "color", "uint8", confocalBox, cubic, null, List.of()),
                new DataLayer("color_2", "color", "uint8", confocalBox, cubic, null, List.of()),
                new DataLayer("color_3", "color", "uint8", confocalBox, cubic, null, List.of())),
            List.of(x1),
            ROOT_FOLDER_X,
            List.of(),
            t("2017-10-20T10:28:13.763Z"),
            t("2017-10-20T10:28:13.763Z"));
    w.add(confocal);
    List<int[]> anisotropic =
        List.of(mag(1, 1, 1), mag(2, 2, 1), mag(4, 4, 1), mag(8, 8, 2), mag(16, 16, 4));
    int[] l4Box = {3072, 3072, 512, 1024, 1024, 1024};
    // Addition: public, as in later versions of the test database, so anonymous reads find one.
    Dataset l4 =
        new Dataset(
            DATASET_L4,
            x,
            store,
            "l4_sample",
            null,
            null,
            true,
            true,
            "",
            new Vec3d(11.239999771118164, 11.239999771118164, 28),
            List.of(
                new DataLayer("color", "color", "uint8", l4Box, anisotropic, null, List.of()),
                new DataLayer(
                    "segmentation",
                    "segmentation",
                    "uint32",
                    l4Box,
                    anisotropic,
                    2504697L,
                    List.of())),
            List.of(x1),
            ROOT_FOLDER_X,
            List.of(),
            t("2017-10-20T10:28:13.789Z"),
            t("2017-10-20T10:28:13.789Z"));
    w.add(l4);

    AnnotationSettings skeletonTypeSettings =
        new AnnotationSettings(
            List.of("orthogonal", "oblique", "flight"), null, true, true, false, false, null, null);
    AnnotationSettings mergerTypeSettings =
        new AnnotationSettings(
            List.of("orthogonal", "oblique", "flight"), null, true, true, false, true, null, null);
    TaskType type1 =
        new TaskType(
            TASK_TYPE_1,
            x,
            x1,
            "ek_0563_BipolarCells",
            "Check those cells out!",
            skeletonTypeSettings,
            "skeleton",
            t("2016-04-11T12:57:48Z"));
    TaskType type2 =
        new TaskType(
            TASK_TYPE_2,
            x,
            x2,
            "ek_0674_BipolarCells",
            "Check those cells out!",
            mergerTypeSettings,
            "skeleton",
            t("2016-04-11T12:57:48Z"));
    w.add(type1);
    w.add(type2);
    w.add(
        new Script(
            SCRIPT,
            a,
            "merger",
            "https://gist.github.com/heikowissler/d5ff5d490ab381af9405c9078096c723",
            t("2018-05-03T11:34:34.861Z")));

    Project p1 =
        new Project(
            PROJECT_1,
            x,
            "Test_Project",
            x1,
            a,
            100,
            false,
            5400000L,
            false,
            t("2016-10-28T14:09:01Z"));
    Project p2 =
        new Project(
            PROJECT_2,
            x,
            "Test_Project2",
            x2,
            d,
            90,
            false,
            5400000L,
            false,
            t("2016-10-28T14:10:01Z"));
    Project p3 =
        new Project(
            PROJECT_3,
            x,
            "Test_Project3(for_annotation_mutations)",
            x2,
            d,
            100,
            false,
            5400000L,
            false,
            t("2016-10-28T14:11:01Z"));
    Project p4 =
        new Project(
            PROJECT_4,
            x,
            "Test_Project4",
            x1,
            a,
            200,
            false,
            5400000L,
            false,
            t("2016-10-28T14:12:01Z"));
    for (Project p : List.of(p1, p2, p3, p4)) {
      w.add(p);
    }

    Task task1 = task(w, TASK_1, p1, type1, confocal, 9, "2016-10-28T14:09:29Z");
    Task task2 = task(w, TASK_2, p1, type1, cortex, 10, "2016-10-28T14:58:48Z");
    Task task3 = task(w, TASK_3, p2, type2, cortex, 10, "2016-10-28T14:58:48Z");
    Task task4 = task(w, TASK_4, p3, type2, cortex, 10, "2016-10-28T14:58:48Z");

    // Annotations in the order of the test database; all owned by user_A in team_X1.
    annotation(
        w,
        "570b9ff12a7c0e980056fe8f",
        AnnotationType.TracingBase,
        task2,
        cortex,
        x1,
        a,
        "4ab765c1-1089-4dc8-98c7-7cce4879f7e9",
        base(cortex));
    annotation(
        w,
        EXPLORATIONAL_1,
        AnnotationType.Explorational,
        null,
        cortex,
        x1,
        a,
        "ae417175-f7bb-4a34-8187-d9c3b50143ae",
        bigSkeleton(cortex, 1));
    annotation(
        w,
        "58135c192faeb34c0081c05c",
        AnnotationType.TracingBase,
        task1,
        confocal,
        x1,
        a,
        "66220a3a-9715-4792-bed4-6fda7ca8193f",
        base(confocal));
    annotation(
        w,
        TASK_ANNOTATION_1,
        AnnotationType.Task,
        task2,
        cortex,
        x1,
        a,
        "07fd0bd7-f7a6-46d1-aaa8-58a381da4d50",
        smallSkeleton(cortex, 11, "task tree"));
    annotation(
        w,
        "58135c192faeb34c0081c05d",
        AnnotationType.TracingBase,
        task3,
        cortex,
        x1,
        a,
        "76220a3a-9715-4792-bed5-6fda7ca8193f",
        base(cortex));
    annotation(
        w,
        EXPLORATIONAL_2,
        AnnotationType.Explorational,
        null,
        cortex,
        x1,
        a,
        "ae417175-f7bb-4a34-8187-d9c3b50143af",
        bigSkeleton(cortex, 2));
    annotation(
        w,
        "68135c192faeb34c0081c05e",
        AnnotationType.TracingBase,
        task4,
        cortex,
        x1,
        a,
        "76220a3a-9715-4792-bed7-6fda7ca8193f",
        base(cortex));
    annotation(
        w,
        TASK_ANNOTATION_2,
        AnnotationType.Task,
        task4,
        cortex,
        x1,
        a,
        "76220a3a-9715-4792-bed8-6fda7ca8193f",
        smallSkeleton(cortex, 12, "task tree"));
    annotation(
        w,
        TASK_ANNOTATION_3,
        AnnotationType.Task,
        task4,
        cortex,
        x1,
        a,
        "76220a3a-9715-4792-bed9-6fda7ca8193f",
        smallSkeleton(cortex, 13, "task tree"));
    Annotation pub =
        annotation(
            w,
            EXPLORATIONAL_PUBLIC,
            AnnotationType.Explorational,
            null,
            cortex,
            x1,
            a,
            "ae417175-f7bb-4a34-8187-d9c3b50143aa",
            bigSkeleton(cortex, 3));
    pub.visibility = Visibility.Public;
    pub.othersMayEdit = true;

    // Addition: a hybrid annotation, so that a ZIP download (NML + data.zip) can be checked.
    Annotation hybrid =
        annotation(
            w,
            EXPLORATIONAL_VOLUME,
            AnnotationType.Explorational,
            null,
            l4,
            x1,
            a,
            "5eed0c0d-e000-4000-8000-000000000001",
            smallSkeleton(l4, 14, "hybrid tree"));
    Nml.Volume volume =
        new Nml.Volume(
            0, "Volume", "data.zip", "wkw", "segmentation", 2504698L, List.of(), List.of());
    hybrid.content =
        new AnnotationContent(
            hybrid.content.skeleton(),
            hybrid.content.skeletonTracingId(),
            List.of(
                new AnnotationContent.VolumeLayer(
                    "5eed0c0d-e000-4000-8000-000000000002", volume, sampleVolumeData())));
    hybrid.name = "hybrid_sample";
    hybrid.modified = t("2017-10-20T10:30:00Z");

    // Addition: a cancelled task annotation, so that leaving cancelled ones out can be checked.
    Annotation cancelled =
        annotation(
            w,
            TASK_ANNOTATION_CANCELLED,
            AnnotationType.Task,
            task4,
            cortex,
            x1,
            a,
            "5eed0c0d-e000-4000-8000-000000000003",
            smallSkeleton(cortex, 15, "cancelled tree"));
    cancelled.state = AnnotationState.Cancelled;
  }

  // --- builders -------------------------------------------------------------------------------

  private static Map<String, Boolean> memberships(Object... teamAndManager) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (int i = 0; i < teamAndManager.length; i += 2) {
      m.put((String) teamAndManager[i], (Boolean) teamAndManager[i + 1]);
    }
    return m;
  }

  private static User user(
      World w,
      String id,
      Organization org,
      char letter,
      boolean admin,
      boolean owner,
      boolean datasetManager,
      String theme,
      long created,
      String lastActivity,
      Map<String, Boolean> memberships,
      Map<String, Integer> experiences) {
    User u =
        new User(
            id,
            org,
            "user_" + letter + "@scalableminds.com",
            "user_" + letter,
            "Boy" + letter,
            admin,
            owner,
            datasetManager,
            true,
            theme,
            created,
            t(lastActivity),
            token(letter),
            memberships,
            experiences);
    w.add(u);
    return u;
  }

  private static int[] mag(int x, int y, int z) {
    return new int[] {x, y, z};
  }

  private static Dataset inactive(
      DataStore store, Organization org, Team team, String id, String name, String created) {
    return new Dataset(
        id,
        org,
        store,
        name,
        null,
        null,
        false,
        false,
        UNREPORTED,
        null,
        List.of(),
        List.of(team),
        ROOT_FOLDER_X,
        List.of(),
        t(created),
        t(created));
  }

  private static Task task(
      World w, String id, Project p, TaskType type, Dataset ds, long open, String created) {
    Task task =
        new Task(
            id,
            p,
            type,
            null,
            ds,
            "abc",
            0,
            10,
            open,
            null,
            Vec3d.ZERO,
            Vec3d.ZERO,
            null,
            null,
            t(created));
    w.add(task);
    return task;
  }

  private static Annotation annotation(
      World w,
      String id,
      AnnotationType typ,
      Task task,
      Dataset ds,
      Team team,
      User owner,
      String tracingId,
      Nml skeleton) {
    Annotation an =
        new Annotation(
            id,
            typ,
            task,
            ds,
            team,
            owner,
            0L,
            new AnnotationContent(skeleton, tracingId, List.of()));
    w.add(an);
    return an;
  }

  private static Parameters parameters(Dataset ds) {
    return Parameters.of(ds.name(), ds.organization().name(), ds.scale());
  }

  /** A task base: an empty skeleton at the task's start position. */
  public static Nml base(Dataset ds) {
    return Nml.empty(parameters(ds));
  }

  /**
   * Two chain trees with 28967 nodes and 28965 edges in all: the statistics the test database
   * records for its explorational annotations.
   */
  private static Nml bigSkeleton(Dataset ds, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Tree> trees = new ArrayList<>();
    trees.add(chain(rnd, 1, "explorative_tree_1", 1, 14484));
    trees.add(chain(rnd, 2, "explorative_tree_2", 14485, 14483));
    return Nml.empty(parameters(ds)).withTrees(trees);
  }

  private static Nml smallSkeleton(Dataset ds, long seed, String name) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return Nml.empty(parameters(ds)).withTrees(List.of(chain(rnd, 1, name, 1, 5)));
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

  /** Volume data for the hybrid sample: a small ZIP archive, opaque to the server. */
  private static byte[] sampleVolumeData() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("1/volume.raw"));
      SplittableRandom rnd = new SplittableRandom(42);
      byte[] data = new byte[4096];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) rnd.nextInt(4);
      }
      zip.write(data);
      zip.closeEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }
}
