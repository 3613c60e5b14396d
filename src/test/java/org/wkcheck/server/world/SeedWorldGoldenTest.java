package org.wkcheck.server.world;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml;

/**
 * The seeded world, pinned: {@link SeedWorld#create()} must build exactly the world recorded in
 * {@code src/test/resources/seed/world-dump.txt}, every entity with every field (private ones
 * included) in the {@link World}'s order, references to other entities as {@code Kind#id} (and only
 * to the very instances the world holds), skeletons as their counts and a hash of every node, edge
 * and parameter, volume data as its ZIP entries' names, sizes and hashes.
 *
 * <p>When the seed is changed on purpose, the test writes what it found to {@code
 * target/seed/world-dump.txt}: review the difference and copy that file over the recorded one.
 */
public class SeedWorldGoldenTest {
  static final Path RECORDED = Path.of("src/test/resources/seed/world-dump.txt");
  static final Path FOUND = Path.of("target/seed/world-dump.txt");

  @Test
  public void seededWorldIsTheRecordedOne() throws IOException {
    List<String> found = dump(SeedWorld.create());
    Files.createDirectories(FOUND.getParent());
    Files.write(FOUND, found, StandardCharsets.UTF_8);
    List<String> recorded =
        Files.readAllLines(RECORDED, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.startsWith("#"))
            .toList();
    for (int i = 0; i < Math.max(found.size(), recorded.size()); i++) {
      String want = i < recorded.size() ? recorded.get(i) : "(nothing)";
      String got = i < found.size() ? found.get(i) : "(nothing)";
      if (!want.equals(got)) {
        fail(
            "the seeded world differs from "
                + RECORDED
                + " at entity "
                + (i + 1)
                + ":\n  recorded: "
                + want
                + "\n  found:    "
                + got
                + "\nIf the change is intended, review it and copy "
                + FOUND
                + " over "
                + RECORDED);
      }
    }
  }

  /** The dump sees what it must: a changed field, an extra entity, a foreign instance. */
  @Test
  public void dumpSeesChanges() {
    World w = SeedWorld.create();
    List<String> before = dump(w);
    w.write(
        () -> {
          w.users().iterator().next().lastActivity++;
          return null;
        });
    List<String> afterField = dump(w);
    assertEquals(afterField.size(), before.size());
    assertTrue(!afterField.equals(before), "a changed lastActivity is not in the dump");

    World other = SeedWorld.create();
    w.write(
        () -> {
          Annotation a = w.annotation(SeedWorld.EXPLORATIONAL_1).orElseThrow();
          Annotation foreign =
              other.read(() -> other.annotation(SeedWorld.EXPLORATIONAL_1).orElseThrow());
          Annotation copy =
              new Annotation(
                  a.id, a.typ, a.task, a.dataset, a.team, foreign.owner, a.created, a.content);
          w.add(copy);
          return null;
        });
    assertTrue(
        dump(w).stream().anyMatch(l -> l.contains("NOT THE WORLD'S INSTANCE")),
        "a reference to another world's user is not seen");
  }

  // --- the dump ---------------------------------------------------------------------------------

  /** Every entity of the world, one line each, in the world's order. */
  static List<String> dump(World w) {
    return w.read(
        () -> {
          Dumper d = new Dumper(w);
          List<String> out = new ArrayList<>();
          out.add("dataStore " + d.render(w.dataStore()));
          out.add(
              "tracingStore "
                  + d.render(w.tracingStoreName())
                  + " "
                  + d.render(w.tracingStoreUrl()));
          d.section(out, "organization", w.organizations());
          d.section(out, "team", w.teams());
          d.section(out, "user", w.users());
          d.section(out, "dataset", w.datasets());
          d.section(out, "taskType", w.taskTypes());
          d.section(out, "script", w.scripts());
          d.section(out, "project", w.projects());
          d.section(out, "task", w.tasks());
          d.section(out, "annotation", w.annotations());
          for (Task t : w.tasks()) {
            List<String> ids = w.annotationsOf(t).stream().map(a -> a.id).toList();
            out.add(line("annotationsOf", t.id, ids, "finished", w.finishedInstances(t)));
          }
          for (Project p : w.projects()) {
            List<String> ids = w.tasksOf(p).stream().map(t -> t.id).toList();
            out.add(line("tasksOf", p.name, ids, "open", w.openInstancesOf(p)));
          }
          for (User u : w.users()) {
            List<String> ids = w.annotationsOwnedBy(u).stream().map(a -> a.id).toList();
            out.add(line("annotationsOwnedBy", u.id, ids));
            User byToken = w.userByToken(u.token).orElse(null);
            out.add(line("userByToken", u.id, byToken == u ? "this user" : "ANOTHER"));
          }
          return out;
        });
  }

  private static String line(Object... parts) {
    return String.join(" ", Arrays.stream(parts).map(String::valueOf).toList());
  }

  /** Renders values canonically; entities nested in others as {@code Kind#id}. */
  private static final class Dumper {
    /** Hashes of skeletons, by identity: they are immutable, and big ones take a while. */
    private static final Map<Nml, String> NML_HASHES =
        Collections.synchronizedMap(new IdentityHashMap<>());

    private static final Set<Class<?>> ENTITIES =
        Set.of(
            Organization.class,
            Team.class,
            User.class,
            Dataset.class,
            TaskType.class,
            Script.class,
            Project.class,
            Task.class,
            Annotation.class);

    /** Every entity the world holds, by identity. */
    private final Map<Object, Boolean> inWorld = new IdentityHashMap<>();

    Dumper(World w) {
      for (Collection<?> kind :
          List.of(
              w.organizations(),
              w.teams(),
              w.users(),
              w.datasets(),
              w.taskTypes(),
              w.scripts(),
              w.projects(),
              w.tasks(),
              w.annotations())) {
        kind.forEach(e -> inWorld.put(e, true));
      }
    }

    void section(List<String> out, String kind, Collection<?> entities) {
      for (Object e : entities) {
        out.add(kind + " " + fields(e));
      }
    }

    /** The id of an entity (an object of a kind the world holds), or null when not one. */
    private String entityId(Object v) {
      if (!ENTITIES.contains(v.getClass())) {
        return null;
      }
      String id;
      try {
        id = (String) v.getClass().getMethod("id").invoke(v);
      } catch (NoSuchMethodException e) {
        id = fieldValue(v, "id");
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      return inWorld.containsKey(v) ? id : id + "(NOT THE WORLD'S INSTANCE)";
    }

    private static String fieldValue(Object v, String name) {
      try {
        return (String) v.getClass().getField(name).get(v);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    String render(Object v) {
      if (v == null) {
        return "null";
      } else if (v instanceof String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
      } else if (v instanceof Number || v instanceof Boolean || v instanceof Enum<?>) {
        return v.toString();
      } else if (v instanceof int[] a) {
        return Arrays.toString(a);
      } else if (v instanceof byte[] b) {
        return bytes(b);
      } else if (v instanceof List<?> l) {
        List<String> parts = new ArrayList<>();
        for (Object o : l) {
          parts.add(render(o));
        }
        return "[" + String.join(", ", parts) + "]";
      } else if (v instanceof Map<?, ?> m) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          parts.add(render(e.getKey()) + "=" + render(e.getValue()));
        }
        return "{" + String.join(", ", parts) + "}";
      } else if (v instanceof Nml n) {
        return nml(n);
      }
      String id = entityId(v);
      if (id != null) {
        return v.getClass().getSimpleName() + "#" + id;
      }
      return fields(v);
    }

    /** All fields of an object (record components, else every instance field), rendered. */
    String fields(Object v) {
      List<String> parts = new ArrayList<>();
      Class<?> c = v.getClass();
      try {
        if (c.isRecord()) {
          for (RecordComponent rc : c.getRecordComponents()) {
            parts.add(rc.getName() + "=" + render(rc.getAccessor().invoke(v)));
          }
        } else {
          if (!c.getName().startsWith("org.wkcheck.")) {
            throw new IllegalStateException("no canonical form for " + c.getName());
          }
          for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
              continue;
            }
            f.setAccessible(true);
            parts.add(f.getName() + "=" + render(f.get(v)));
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      return c.getSimpleName() + "{" + String.join(", ", parts) + "}";
    }

    /**
     * A skeleton: its counts and tree names, and a hash of its every field (an NML document is
     * records all the way down, so its {@code toString} is complete and canonical).
     */
    private String nml(Nml n) {
      List<String> trees = new ArrayList<>();
      for (Nml.Tree t : n.trees()) {
        trees.add(t.id() + ":" + render(t.name()) + ":" + t.nodes().size());
      }
      return "Nml{trees="
          + trees
          + ", nodes="
          + n.nodeCount()
          + ", edges="
          + n.edgeCount()
          + ", volumes="
          + n.volumes().size()
          + ", sha256="
          + NML_HASHES.computeIfAbsent(
              n, x -> sha256(x.toString().getBytes(StandardCharsets.UTF_8)))
          + "}";
    }

    /**
     * Bytes: a ZIP archive as its entries (its own bytes hold the time the archive was written),
     * anything else as its size and hash.
     */
    private static String bytes(byte[] b) {
      if (b.length > 1 && b[0] == 'P' && b[1] == 'K') {
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b))) {
          for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            byte[] content = zip.readAllBytes();
            entries.add(e.getName() + ":" + content.length + ":" + sha256(content));
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        return "zip" + entries;
      }
      return "bytes[" + b.length + ":" + sha256(b) + "]";
    }

    private static String sha256(byte[] b) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
