package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlComparison;
import org.wkcheck.nml.NmlComparison.Ids;
import org.wkcheck.nml.NmlMerge;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * The fidelity of annotation content: what {@code GET /annotations/:typ/:id/download} gives is
 * exactly what the annotation holds, for uploads, tasks made from NML files, duplicates, merges,
 * resets and compounds. Every NML here carries every kind of skeleton detail ({@link #richNml()})
 * and the download is compared with it structurally ({@link NmlComparison}): every tree, node with
 * all its attributes, edge, comment, branchpoint and tree group, in any order; the header a server
 * writes of its own (meta, parameters) does not count. Ids must be kept, except in merges, where
 * webKnossos renumbers them.
 *
 * <p>Shape and presence are checked elsewhere ({@link AnnotationFilesConformance}, {@link
 * AnnotationCopiesConformance}, {@link CompoundAnnotationsConformance}); these tests fail a server
 * that loses or changes one detail on the way.
 */
public class AnnotationContentConformance extends AnnotationSupport {

  /**
   * The annotation created by POST /annotations/upload of one NML file MUST hold exactly the file's
   * skeleton: its download gives back every tree, node (all attributes), edge, comment, branchpoint
   * and tree group, with their ids, and nothing else.
   */
  @Test
  @Requirement("annotations.upload.content-exact")
  public void uploadDownloadsExactlyTheFile() {
    Nml nml = richNml();
    String id = upload(nml);
    sameSkeleton(
        nml, content(EXPLORATIONAL, id), Ids.KEPT, "The upload's download is the uploaded file");
  }

  /**
   * The annotation created by POST /annotations/upload of several NML files (createGroupForEachFile
   * "true") MUST hold exactly all of them: with the groups that wrap each file taken away, its
   * download is the files' skeletons side by side, every tree, node (all attributes), edge,
   * comment, branchpoint and tree group, ids renumbered so the files do not collide.
   */
  @Test
  @Requirement("annotations.upload.files-content-exact")
  public void uploadOfSeveralFilesDownloadsExactlyAllOfThem() {
    Nml a = richNml();
    Nml b = richNml();
    String id =
        upload(
            "true",
            files(fixtures.name("fa") + ".nml", bytes(a), fixtures.name("fb") + ".nml", bytes(b)));
    sameSkeleton(
        NmlMerge.merge(List.of(a, b)),
        withoutFileGroups(content(EXPLORATIONAL, id)),
        Ids.RENUMBERED,
        "The upload's download is exactly the uploaded files, each in its group");
  }

  /**
   * The skeleton with its top-level tree groups (those that wrap each uploaded file) taken away:
   * their child groups move to the top level, and their trees out of any group.
   */
  private static Nml withoutFileGroups(Nml n) {
    Set<Integer> wrappers = new HashSet<>();
    List<Nml.Group> children = new ArrayList<>();
    for (Nml.Group g : n.groups()) {
      wrappers.add(g.id());
      children.addAll(g.children());
    }
    List<Nml.Tree> trees = new ArrayList<>();
    for (Nml.Tree t : n.trees()) {
      Integer group = wrappers.contains(t.groupId()) ? null : t.groupId();
      trees.add(t.withIdNameGroup(t.id(), t.name(), group));
    }
    return n.withGroups(children).withTrees(trees);
  }

  /**
   * A task created by POST /tasks/createFromFiles from an NML file MUST start from exactly that
   * file: the download of its task annotation gives back every tree, node (all attributes), edge,
   * comment, branchpoint and tree group of the file, with their ids, and nothing else.
   */
  @Test
  @Requirement("tasks.create-from-files.content-exact")
  public void taskAnnotationDownloadsExactlyItsFile() {
    TaskItem t = taskWork(1, this::richNml).get(0);
    sameSkeleton(
        t.nml(),
        content(TASK, t.annotationId()),
        Ids.KEPT,
        "The task annotation's download is the NML its task was created from");
  }

  @DataProvider
  public static Object[][] typs() {
    return rows(EXPLORATIONAL, TASK);
  }

  /**
   * The annotation created by POST /annotations/:typ/:id/duplicate (Explorational, Task) MUST be a
   * copy: its download holds exactly the skeleton of the source, with its ids.
   */
  @Test(dataProvider = "typs")
  @Requirement("annotations.duplicate.content-exact")
  public void duplicateDownloadsExactlyTheSource(String typ) {
    String source;
    Nml nml;
    if (TASK.equals(typ)) {
      TaskItem t = taskWork(1, this::richNml).get(0);
      source = t.annotationId();
      nml = t.nml();
    } else {
      nml = richNml();
      source = upload(nml);
    }
    JsonNode copy = duplicate(typ, source);
    // downloaded as the typ the answer gives it (webKnossos: Explorational); that the copy is a
    // new annotation of the caller is annotations.duplicate.creates-copy and .to-callers-account
    String copyTyp = copy.path("typ").asString();
    sameSkeleton(
        nml,
        content(copyTyp.isEmpty() ? EXPLORATIONAL : copyTyp, copy.path("id").asString()),
        Ids.KEPT,
        "The duplicate's download is the source");
  }

  /**
   * The annotation created by POST /annotations/:typ/:id/merge/:mergedTyp/:mergedId MUST hold
   * exactly the union of both: every tree, node (all attributes), edge, comment, branchpoint and
   * tree group of each, none lost and none added; ids may be renumbered (webKnossos shifts those of
   * one side past the other's).
   *
   * <p>Merges an uploaded explorational with a task annotation, each with every kind of detail.
   */
  @Test
  @Requirement("annotations.merge.content-exact")
  public void mergeDownloadsExactlyBoth() {
    Nml first = richNml();
    String e = upload(first);
    TaskItem t = taskWork(1, this::richNml).get(0);
    String merged = merge(EXPLORATIONAL, e, TASK, t.annotationId());
    sameSkeleton(
        NmlMerge.merge(List.of(first, t.nml())),
        content(EXPLORATIONAL, merged),
        Ids.RENUMBERED,
        "The merge's download is the union of both annotations");
  }

  /**
   * After PUT /annotations/Task/:id/reset the task annotation MUST hold exactly the base state of
   * its task: for a task created from an NML file, the download gives back exactly that file's
   * skeleton, with its ids. (No documented route changes a task annotation's content before, so
   * this shows that a reset keeps the base whole, not that it replaces other content.)
   */
  @Test
  @Requirement("annotations.reset.content-is-base")
  public void resetDownloadsExactlyTheBase() {
    TaskItem t = taskWork(1, this::richNml).get(0);
    Response r = api.as(Role.ADMIN).put("/annotations/Task/" + t.annotationId() + "/reset");
    if (r.statusCode() != 200) {
      throw new SkipException(
          "the reset of a task annotation answered "
              + r.statusCode()
              + " (see annotations.reset.returns-annotation), so its content cannot be judged");
    }
    sameSkeleton(
        t.nml(),
        content(TASK, t.annotationId()),
        Ids.KEPT,
        "The reset task annotation's download is its task's base");
  }

  /**
   * The NML files of a compound download (CompoundTask, CompoundProject) MUST be exactly the
   * finished annotations: one file per finished annotation holding exactly its skeleton (with its
   * ids), none missing, none extra, none for an unfinished one.
   *
   * <p>A fresh project of three tasks made from NMLs with every kind of detail; the annotations of
   * two are finished.
   */
  @Test
  @Requirement("annotations.compound.files-exact")
  public void compoundFilesAreExactlyTheFinishedAnnotations() {
    TaskWork w = taskWork(3, this::richNml);
    finish(TASK, w.get(0).annotationId());
    finish(TASK, w.get(1).annotationId());
    exactlyThese(
        nmlsOf(zipDownload(download("CompoundTask", w.get(0).taskId()))),
        List.of(w.get(0).nml()),
        "CompoundTask");
    exactlyThese(
        nmlsOf(zipDownload(download("CompoundProject", w.projectId()))),
        List.of(w.get(0).nml(), w.get(1).nml()),
        "CompoundProject");
  }

  /**
   * The NML files of a CompoundTaskType download MUST be exactly the finished annotations of the
   * task type, as for {@link #compoundFilesAreExactlyTheFinishedAnnotations}.
   *
   * <p>A task type of the test's own (webKnossos' set-up route {@code POST /taskTypes}; skipped
   * where the target makes none), so that no other annotation is of it and no merge of it is
   * cached; three tasks of it in a fresh project, made from NMLs with every kind of detail; the
   * annotations of two are finished before the compound is first asked for.
   */
  @Test
  @Requirement("annotations.compound.files-exact")
  public void compoundTaskTypeFilesAreExactlyTheFinishedAnnotations() {
    String type = fixtures.taskType();
    TaskWork w = taskWork(3, this::richNml, type);
    finish(TASK, w.get(0).annotationId());
    finish(TASK, w.get(1).annotationId());
    exactlyThese(
        nmlsOf(zipDownload(download("CompoundTaskType", type))),
        List.of(w.get(0).nml(), w.get(1).nml()),
        "CompoundTaskType");
  }

  /**
   * Each expected annotation is exactly one NML file of the download, and no file is left over; the
   * first difference is told against the file that holds the annotation's first tree.
   */
  private static void exactlyThese(List<Nml> files, List<Nml> expected, String typ) {
    List<Nml> left = new ArrayList<>(files);
    for (int i = 0; i < expected.size(); i++) {
      Nml e = expected.get(i);
      Nml same =
          left.stream().filter(f -> NmlComparison.same(e, f, Ids.KEPT)).findFirst().orElse(null);
      if (same != null) {
        left.remove(same);
        continue;
      }
      Nml candidate =
          left.stream().filter(f -> holds(f, e.trees().get(0))).findFirst().orElse(null);
      that(
          candidate != null,
          typ + " download holds every finished annotation",
          "an NML file holding finished annotation " + (i + 1) + " of " + expected.size(),
          files.size()
              + " NML files: "
              + files.stream().map(AnnotationSupport::treeNames).toList());
      sameSkeleton(
          e, candidate, Ids.KEPT, typ + " download holds each finished annotation exactly");
    }
    equal(
        left.size(),
        0,
        typ + " download holds no NML file besides the finished annotations (files left over)");
  }
}
