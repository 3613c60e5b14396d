package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refusedNever5xx;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.fixtures.Archives.zip;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.nml.Nml;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * Annotation files: {@code GET /annotations/:typ/:id/download} for task and explorative annotations
 * and {@code POST /annotations/upload}. Compound downloads: {@link CompoundAnnotationsConformance}.
 */
public class AnnotationFilesConformance extends AnnotationSupport {

  // --- download -------------------------------------------------------------------------------

  /**
   * GET /annotations/Explorational/:id/download of an explorative annotation without volume MUST
   * answer 200 with a single NML file (an attachment, not a ZIP) that conforms to the NML schema
   * and holds the annotation's trees.
   */
  @Test
  @Requirement({
    "annotations.download.returns-file",
    "annotations.download.path-params",
    "annotations.download.explorational-skeleton-nml"
  })
  public void explorationalWithoutVolumeDownloadsAsOneNml() {
    Nml nml = nmlWithTrees(2);
    String id = upload(nml);
    holdsAll(
        singleNml(download(EXPLORATIONAL, id)),
        nml.trees(),
        "The download holds the annotation's trees");
  }

  /**
   * GET /annotations/Task/:id/download of a task annotation without volume MUST answer 200 with a
   * single NML file (an attachment, not a ZIP) that conforms to the NML schema and holds the
   * annotation's trees.
   */
  @Test
  @Requirement({
    "annotations.download.returns-file",
    "annotations.download.path-params",
    "annotations.download.task-nml"
  })
  public void taskAnnotationDownloadsAsOneNml() {
    TaskItem t = taskAnnotation();
    holdsAll(
        singleNml(download(TASK, t.annotationId())),
        List.of(t.tree()),
        "The download holds the task annotation's trees");
  }

  /**
   * GET /annotations/Explorational/:id/download of an explorative annotation with a volume tracing
   * MUST answer a ZIP file (application/zip, an attachment) holding an NML file and data.zip.
   *
   * <p>Uses the world's volume annotation.
   */
  @Test
  @Requirement({
    "annotations.download.returns-file",
    "annotations.download.explorational-volume-zip"
  })
  public void explorationalWithVolumeDownloadsAsZipWithDataZip() {
    String id = volumeAnnotation();
    volumeZip(zipDownload(download(EXPLORATIONAL, id)));
  }

  /**
   * GET /annotations/:typ/:id/download MUST deliver the file as a chunked file stream
   * (Transfer-Encoding: chunked over HTTP/1.1): for an explorative and a task annotation's NML, a
   * volume annotation's ZIP (where the world has one) and a compound ZIP.
   */
  @Test
  @Requirement("annotations.download.chunked-stream")
  public void downloadsAreChunkedStreams() {
    chunked(download(EXPLORATIONAL, upload(nmlWithTrees(1))));
    TaskItem t = taskAnnotation();
    chunked(download(TASK, t.annotationId()));
    if (world.volumeAnnotation() != null
        && api.as(Role.ADMIN).get(at(EXPLORATIONAL, world.volumeAnnotation(), "info")).statusCode()
            == 200) {
      chunked(download(EXPLORATIONAL, world.volumeAnnotation()));
    }
    finish(TASK, t.annotationId());
    chunked(download("CompoundTask", t.taskId()));
  }

  /**
   * A chunked download passes. One that is not fails on the embedded server, which wkcheck reaches
   * directly; on a remote target it is a skip: transfer coding is hop-by-hop (RFC 9112 §7), so a
   * proxy that buffers answers (nginx's default) or HTTP/2 on the way removes it, and the answer
   * cannot show whether the server streamed.
   */
  private void chunked(Response r) {
    status(r, 200);
    String te = r.header("Transfer-Encoding");
    boolean isChunked = te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    if (!isChunked && !target.embedded()) {
      String via = r.header("Via");
      throw new SkipException(
          "a download arrived whole (Content-Length "
              + r.header("Content-Length")
              + (via == null ? "" : ", Via " + via)
              + "), not chunked; transfer coding is hop-by-hop (RFC 9112), so a buffering proxy or"
              + " HTTP/2 on the way may have removed it: judged only where wkcheck reaches the"
              + " server directly");
    }
    that(
        isChunked,
        "Download is a chunked file stream",
        "Transfer-Encoding: chunked",
        te == null
            ? "no Transfer-Encoding (Content-Length " + r.header("Content-Length") + ")"
            : te);
  }

  private String volumeAnnotation() {
    String id = world.volumeAnnotation();
    if (id == null) {
      throw new SkipException("the world names no explorative annotation with a volume layer");
    }
    int s = api.as(Role.ADMIN).get(at(EXPLORATIONAL, id, "info")).statusCode();
    if (s != 200) {
      throw new SkipException(
          "the world's volume annotation " + id + " is not readable (info answered " + s + ")");
    }
    return id;
  }

  /** A volume download: an NML (valid) and a file named data.zip. */
  private static void volumeZip(Map<String, byte[]> entries) {
    that(
        !nmlEntries(entries).isEmpty(),
        "Volume download holds an NML file",
        "an .nml entry",
        entries.keySet());
    nmlsOf(entries);
    that(
        entries.keySet().stream().anyMatch(n -> baseName(n).equals("data.zip")),
        "Volume download holds data.zip",
        "an entry named data.zip",
        entries.keySet());
  }

  // --- upload ---------------------------------------------------------------------------------

  /**
   * POST /annotations/upload of one NML MUST answer 200 with the newly created annotation and its
   * id, and that annotation MUST be a new explorative one: typ Explorational, with an id that none
   * of the caller's annotations (GET /user/annotations, GET /user/tasks) had before. Checked on the
   * answer itself.
   */
  @Test
  @Requirement({
    "annotations.upload.returns-annotation-with-id",
    "annotations.upload.answer-new-explorational"
  })
  public void uploadAnswersTheNewExplorational() {
    Set<String> before = new LinkedHashSet<>(ownExplorationals());
    before.addAll(ownIds("/user/tasks", null));
    Response r =
        uploadRequest("false", files(fixtures.name("new") + ".nml", bytes(nmlWithTrees(1))));
    String id = r.statusCode() == 200 ? idOf(r) : "";
    JsonNode answer = ok(r, UPLOAD_ANSWER);
    that(!id.isEmpty(), "Upload names the new annotation", "annotation.id", answer);
    equal(
        answer.path("annotation").path("typ").asString(),
        EXPLORATIONAL,
        "The upload answers an explorative annotation (typ)");
    that(
        !before.contains(id),
        "The upload answers a new annotation",
        "an id none of the caller's annotations had before",
        id);
  }

  /**
   * POST /annotations/upload of one NML MUST create an explorative annotation of the caller under
   * the id it answers: readable with GET /annotations/Explorational/:id/info, listed by GET
   * /user/annotations, holding the file's trees. (The answer itself: {@link
   * #uploadAnswersTheNewExplorational}.)
   */
  @Test
  @Requirement({"annotations.upload.creates-explorational", "annotations.upload.nml-files"})
  public void uploadOfOneNmlCreatesAnExplorational() {
    Nml nml = nmlWithTrees(2);
    Response r = uploadRequest("false", files(fixtures.name("one") + ".nml", bytes(nml)));
    String id = r.statusCode() == 200 ? idOf(r) : "";
    status(r, 200);
    that(!id.isEmpty(), "Upload names the new annotation", "annotation.id", json(r));
    JsonNode a = info(EXPLORATIONAL, id);
    equal(a.path("id").asString(), id, "The upload is readable as an explorative annotation");
    equal(a.path("typ").asString(), EXPLORATIONAL, "The upload is an explorative annotation");
    that(
        ownExplorationals().contains(id),
        "The upload is the caller's",
        "GET /user/annotations lists " + id,
        "it does not");
    holdsAll(content(EXPLORATIONAL, id), nml.trees(), "The upload holds the file's trees");
  }

  private String idOf(Response r) {
    String id = json(r).path("annotation").path("id").asString();
    if (!id.isEmpty()) {
      fixtures.explorational(id);
    }
    return id;
  }

  /**
   * POST /annotations/upload of several NML files MUST create exactly one new explorative
   * annotation, holding the trees of every file.
   */
  @Test
  @Requirement({"annotations.upload.nml-files", "annotations.upload.creates-explorational"})
  public void uploadOfSeveralNmlsCreatesOneAnnotationWithAllTrees() {
    List<Nml> docs = List.of(nmlWithTrees(1), nmlWithTrees(2), nmlWithTrees(1));
    Set<String> before = ownExplorationals();
    String id =
        upload(
            "true",
            files(
                fixtures.name("a") + ".nml", bytes(docs.get(0)),
                fixtures.name("b") + ".nml", bytes(docs.get(1)),
                fixtures.name("c") + ".nml", bytes(docs.get(2))));
    Set<String> created = new LinkedHashSet<>(ownExplorationals());
    created.removeAll(before);
    equal(created, Set.of(id), "One upload creates one explorative annotation (new ids)");
    Nml content = content(EXPLORATIONAL, id);
    for (Nml d : docs) {
      holdsAll(content, d.trees(), "The upload holds the trees of every file");
    }
  }

  /**
   * POST /annotations/upload with createGroupForEachFile "true" MUST wrap the trees of each file in
   * a tree group of their own.
   *
   * <p>Uploads two files of two trees each, downloads the annotation and compares the groups.
   */
  @Test
  @Requirement("annotations.upload.create-group-true")
  public void createGroupForEachFileTrueWrapsEachFileInAGroup() {
    Nml a = nmlWithTrees(2);
    Nml b = nmlWithTrees(2);
    String id =
        upload(
            "true",
            files(fixtures.name("ga") + ".nml", bytes(a), fixtures.name("gb") + ".nml", bytes(b)));
    Nml content = content(EXPLORATIONAL, id);
    holdsAll(content, a.trees(), "The upload holds the trees of every file");
    holdsAll(content, b.trees(), "The upload holds the trees of every file");
    Integer groupA = oneGroup(content, a);
    Integer groupB = oneGroup(content, b);
    that(
        !groupA.equals(groupB),
        "Each file has a tree group of its own",
        "different groups for the two files",
        "both in group " + groupA + ": " + treeNames(content));
    that(
        content.groupIds().containsAll(List.of(groupA, groupB)),
        "The files' tree groups exist",
        "groups " + groupA + " and " + groupB + " among the NML's groups",
        content.groupIds());
  }

  /** The one group all trees of the file are in (checked). */
  private static Integer oneGroup(Nml content, Nml file) {
    Set<Integer> groups = new LinkedHashSet<>();
    for (Nml.Tree t : file.trees()) {
      groups.add(find(content, t).groupId());
    }
    that(
        groups.size() == 1 && !groups.contains(null),
        "The trees of a file are wrapped in a group",
        "all trees of the file in one tree group",
        treeNames(content));
    return groups.iterator().next();
  }

  /**
   * POST /annotations/upload with createGroupForEachFile "false" MUST prefix the name of every tree
   * with the name of its file, and create no group per file.
   *
   * <p>Uploads two files of two trees each, downloads the annotation and compares the names.
   */
  @Test
  @Requirement("annotations.upload.create-group-false")
  public void createGroupForEachFileFalsePrefixesTreeNames() {
    Nml a = nmlWithTrees(2);
    Nml b = nmlWithTrees(2);
    String fileA = fixtures.name("pa");
    String fileB = fixtures.name("pb");
    String id = upload("false", files(fileA + ".nml", bytes(a), fileB + ".nml", bytes(b)));
    Nml content = content(EXPLORATIONAL, id);
    holdsAll(content, a.trees(), "The upload holds the trees of every file");
    holdsAll(content, b.trees(), "The upload holds the trees of every file");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Nml> file : Map.of(fileA, a, fileB, b).entrySet()) {
      for (Nml.Tree t : file.getValue().trees()) {
        String got = find(content, t).name();
        if (!got.startsWith(file.getKey()) || !got.endsWith(t.name()) || got.equals(t.name())) {
          wrong.add(t.name() + " of " + file.getKey() + " -> " + got);
        }
      }
    }
    that(
        wrong.isEmpty(),
        "Tree names carry their file's name as prefix",
        "every tree named <file name>...<tree name>",
        wrong);
    that(
        content.trees().stream().allMatch(t -> t.groupId() == null),
        "No tree group per file",
        "the files' trees (which had no group) in no group",
        treeNames(content));
  }

  /**
   * POST /annotations/upload MUST accept ZIP files of NMLs and treat every NML in them like an
   * attached NML: the new annotation holds their trees (and those of an NML attached beside).
   */
  @Test
  @Requirement("annotations.upload.zip-of-nmls")
  public void uploadOfAZipOfNmlsHoldsTheirTrees() {
    Nml a = nmlWithTrees(1);
    Nml b = nmlWithTrees(2);
    Nml c = nmlWithTrees(1);
    byte[] archive =
        zip(files(fixtures.name("za") + ".nml", bytes(a), fixtures.name("zb") + ".nml", bytes(b)));
    String id =
        upload(
            "true",
            files(fixtures.name("z") + ".zip", archive, fixtures.name("zc") + ".nml", bytes(c)));
    Nml content = content(EXPLORATIONAL, id);
    for (Nml d : List.of(a, b, c)) {
      holdsAll(content, d.trees(), "The upload holds the trees of every NML in the ZIP");
    }
  }

  /**
   * POST /annotations/upload MUST accept a ZIP holding an NML and the volume data ZIP it
   * references, and the new annotation MUST carry the volume data: its download is a ZIP with an
   * NML and data.zip.
   *
   * <p>Uploads the download of the world's volume annotation.
   */
  @Test
  @Requirement("annotations.upload.volume-zip")
  public void uploadOfAVolumeZipKeepsTheVolumeData() {
    String source = volumeAnnotation();
    Response d = download(EXPLORATIONAL, source);
    status(d, 200);
    byte[] archive = d.asByteArray();
    if (!isZip(archive)) {
      throw new SkipException(
          "the world's volume annotation does not download as a ZIP (see"
              + " annotations.download.explorational-volume-zip)");
    }
    String id = upload("false", files(fixtures.name("volume") + ".zip", archive));
    volumeZip(zipDownload(download(EXPLORATIONAL, id)));
  }

  /**
   * POST /annotations/upload of a file that is neither an NML nor a ZIP of NMLs MUST be refused
   * with a 4xx (never a 5xx) and MUST NOT create an annotation.
   *
   * <p>Tries a text file and a ZIP that holds only a text file.
   */
  @Test
  @Requirement("annotations.upload.non-nml-refused")
  public void uploadOfANonNmlFileIsRefused() {
    byte[] text = "this is not an NML file\n".getBytes(StandardCharsets.UTF_8);
    Set<String> before = ownExplorationals();
    refusedNever5xx(uploadRequest("false", files(fixtures.name("text") + ".txt", text)));
    refusedNever5xx(
        uploadRequest(
            "false", files(fixtures.name("nonml") + ".zip", zip(files("readme.txt", text)))));
    noExplorationalSince(before, "A refused upload creates no annotation");
  }
}
