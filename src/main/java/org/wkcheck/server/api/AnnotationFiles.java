package org.wkcheck.server.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Meta;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.nml.NmlConsistency;
import org.wkcheck.nml.NmlException;
import org.wkcheck.nml.NmlReader;
import org.wkcheck.nml.NmlWriter;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.UploadBudget;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationContent.VolumeLayer;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Ids;

/**
 * Annotation files: reading uploaded NML and ZIP files, and writing downloads (an NML, or a ZIP of
 * the NML and its volume data, or a ZIP of NMLs for compound annotations).
 */
final class AnnotationFiles {
  static final String NML_TYPE = "application/xml";
  static final String ZIP_TYPE = "application/zip";

  /** Bounds for unpacking uploaded ZIP archives. */
  static final long MAX_UNPACKED_BYTES = 256L * 1024 * 1024;

  private static final int MAX_ZIP_ENTRIES = 10_000;

  /**
   * At most this much is inflated per call: the JDK's inflater holds the garbage collector off (a
   * JNI critical section) while it runs, so calls are kept short.
   */
  private static final int INFLATE_CHUNK = 64 << 10;

  private static final int MAX_ZIP_DEPTH = 4;

  private AnnotationFiles() {}

  /** One NML found in an upload, with the volume data its volume elements reference. */
  record ParsedNml(String fileName, Nml nml, Map<String, byte[]> volumeData) {}

  /** A file to download. */
  record Download(String contentType, String fileName, byte[] bytes) {}

  // --- reading uploads ------------------------------------------------------------------------

  /**
   * Reads one uploaded file: a ZIP archive (NMLs, their volume data, nested archives) or else an
   * NML. A file that is neither is a 400 naming the file. Every byte unpacked is reserved in {@code
   * memory} before it is kept (413 or 503 when the server's upload budget cannot hold it).
   */
  @SuppressWarnings("try") // the slot is only held while the archive is unpacked
  static List<ParsedNml> parse(String fileName, byte[] bytes, UploadBudget.Reservation memory) {
    try {
      if (isZip(bytes)) {
        List<ParsedNml> out = new ArrayList<>();
        try (UploadBudget.Slot slot = memory.unpackingSlot("File " + fileName)) {
          unzip(fileName, bytes, 0, new Unpacked(fileName, memory), out);
        }
        if (out.isEmpty()) {
          throw ApiException.badRequest(
              "Could not parse file: " + fileName + ". It holds no NML file");
        }
        return out;
      }
      return List.of(new ParsedNml(fileName, readConsistent(bytes), Map.of()));
    } catch (NmlException e) {
      throw ApiException.badRequest("Could not parse file: " + fileName + ". " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      // ZipInputStream reports undecodable entry names with IllegalArgumentException
      throw ApiException.badRequest(
          "Could not parse file: " + fileName + ". Broken ZIP archive: " + e.getMessage());
    }
  }

  /** An NML that webKnossos would accept: readable and consistent (ids, edges, references). */
  private static Nml readConsistent(byte[] bytes) throws NmlException {
    Nml nml = NmlReader.read(bytes);
    NmlConsistency.check(nml);
    return nml;
  }

  private static boolean isZip(byte[] b) {
    return b.length >= 4
        && b[0] == 'P'
        && b[1] == 'K'
        && (b[2] == 3 || b[2] == 5)
        && (b[3] == 4 || b[3] == 6);
  }

  /** The bytes unpacked from one uploaded file so far, bounded per file and by the budget. */
  private static final class Unpacked {
    private final String fileName;
    private final UploadBudget.Reservation memory;
    private long bytes;

    Unpacked(String fileName, UploadBudget.Reservation memory) {
      this.fileName = fileName;
      this.memory = memory;
    }

    /** {@code n} more bytes unpacked, kept in blocks. */
    void add(int n) {
      bytes += n;
      if (bytes > MAX_UNPACKED_BYTES) {
        throw new ApiException(
            413,
            "File " + fileName + " unpacks to more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
      }
      memory.reserve(n, "File " + fileName);
    }

    /** The one array an entry's blocks are copied into. */
    void copy(long n) {
      memory.reserve(n, "File " + fileName);
    }
  }

  private static void unzip(
      String name, byte[] bytes, int depth, Unpacked unpacked, List<ParsedNml> out)
      throws IOException, NmlException {
    if (depth >= MAX_ZIP_DEPTH) {
      throw ApiException.badRequest(
          "Could not parse file: " + name + ". ZIP archives nest too deep");
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        if (entries.size() >= MAX_ZIP_ENTRIES) {
          throw ApiException.badRequest("Could not parse file: " + name + ". Too many entries");
        }
        entries.put(e.getName(), readBounded(zip, unpacked));
      }
    }
    List<String> usedAsVolumeData = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (!e.getKey().toLowerCase(Locale.ROOT).endsWith(".nml")) {
        continue;
      }
      Nml nml = readConsistent(e.getValue());
      Map<String, byte[]> data = new LinkedHashMap<>();
      for (Nml.Volume v : nml.volumes()) {
        if (v.location() == null) {
          continue;
        }
        String dir =
            e.getKey().contains("/")
                ? e.getKey().substring(0, e.getKey().lastIndexOf('/') + 1)
                : "";
        String key = entries.containsKey(dir + v.location()) ? dir + v.location() : v.location();
        byte[] d = entries.get(key);
        if (d != null) {
          data.put(v.location(), d);
          usedAsVolumeData.add(key);
        }
      }
      out.add(new ParsedNml(baseName(e.getKey()), nml, data));
    }
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).endsWith(".zip")
          && !usedAsVolumeData.contains(e.getKey())
          && isZip(e.getValue())) {
        unzip(e.getKey(), e.getValue(), depth + 1, unpacked, out);
      }
    }
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Reads an entry whole, reserving what it keeps as it goes: blocks that grow up to 1 MiB, then
   * the one array they are copied into. So the reservation is what is allocated (twice the entry),
   * not a third of it as with a doubling buffer, and a bomb stops within a block of its limit.
   */
  private static byte[] readBounded(InputStream in, Unpacked unpacked) throws IOException {
    List<byte[]> blocks = new ArrayList<>();
    long total = 0;
    boolean end = false;
    for (int size = 8192; !end; size = Math.min(2 * size, 1 << 20)) {
      byte[] block = new byte[size];
      int filled = 0;
      while (filled < size) {
        int n = in.read(block, filled, Math.min(INFLATE_CHUNK, size - filled));
        if (n < 0) {
          end = true;
          break;
        }
        unpacked.add(n);
        filled += n;
      }
      if (filled > 0) {
        blocks.add(block);
        total += filled;
      }
    }
    unpacked.copy(total);
    byte[] out = new byte[(int) total];
    int at = 0;
    for (byte[] block : blocks) {
      int n = (int) Math.min(block.length, total - at);
      System.arraycopy(block, 0, out, at, n);
      at += n;
    }
    return out;
  }

  /**
   * The content of an uploaded NML: its skeleton (present when it has trees or no volumes at all)
   * and its volume layers with the data the upload carried for them.
   */
  static AnnotationContent content(ParsedNml p) {
    List<VolumeLayer> volumes = new ArrayList<>();
    for (Nml.Volume v : p.nml().volumes()) {
      byte[] data = v.location() == null ? null : p.volumeData().get(v.location());
      volumes.add(new VolumeLayer(Ids.newTracingId(), v, data));
    }
    boolean skeleton = !p.nml().trees().isEmpty() || volumes.isEmpty();
    Nml skel = skeleton ? p.nml().withVolumes(List.of()) : null;
    return new AnnotationContent(skel, skeleton ? Ids.newTracingId() : null, volumes);
  }

  // --- writing downloads ----------------------------------------------------------------------

  /** An annotation's NML alone. */
  static Download nmlDownload(Annotation a, String wkUrl, long now) {
    return new Download(NML_TYPE, defaultName(a) + ".nml", nml(a, wkUrl, now));
  }

  /**
   * A ZIP with an annotation's NML and {@code data.zip} (one {@code data_<i>_<name>.zip} per volume
   * layer when there are several).
   */
  static Download nmlAndVolumesDownload(Annotation a, String wkUrl, long now) {
    String base = defaultName(a);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(base + ".nml"));
      zip.write(nml(a, wkUrl, now));
      zip.closeEntry();
      List<VolumeLayer> volumes = a.content.volumes();
      for (int i = 0; i < volumes.size(); i++) {
        zip.putNextEntry(new ZipEntry(volumeLocation(volumes, i)));
        zip.write(volumes.get(i).data() == null ? emptyZip() : volumes.get(i).data());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Download(ZIP_TYPE, base + ".zip", bytes.toByteArray());
  }

  /** A ZIP of the individual NMLs of the annotations a compound annotation merges. */
  static Download compoundDownload(
      String zipBaseName, List<Annotation> sources, String wkUrl, long now) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      List<String> used = new ArrayList<>();
      for (Annotation a : sources) {
        String name = defaultName(a);
        String unique = name;
        for (int i = 2; used.contains(unique); i++) {
          unique = name + "_" + i;
        }
        used.add(unique);
        zip.putNextEntry(new ZipEntry(unique + ".nml"));
        zip.write(nml(a, wkUrl, now));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Download(ZIP_TYPE, safeFileName(zipBaseName) + "_nmls.zip", bytes.toByteArray());
  }

  private static String volumeLocation(List<VolumeLayer> volumes, int i) {
    if (volumes.size() == 1) {
      return "data.zip";
    }
    String name = volumes.get(i).element().name();
    return "data_" + i + "_" + safeFileName(name == null ? "Volume" : name) + ".zip";
  }

  /** The annotation as an NML document, with the header webKnossos writes. */
  static byte[] nml(Annotation a, String wkUrl, long now) {
    Dataset ds = a.dataset;
    Vec3d scale = ds.scale() == null ? new Vec3d(-1, -1, -1) : ds.scale();
    Nml.Parameters fallback = Nml.Parameters.of(ds.name(), ds.organization().name(), scale);
    Nml content = a.content.asNml(fallback);
    Nml.Parameters p =
        content
            .parameters()
            .withExperiment(
                new Nml.Experiment(ds.name(), ds.organization().name(), a.description, wkUrl, null))
            .withScaleAndTime(scale, now);
    if (p.editPosition() == null && a.task != null) {
      p = p.withEditPose(a.task.editPosition, a.task.editRotation);
    }
    List<Meta> meta = new ArrayList<>();
    meta.add(new Meta("writer", "wkcheck-reference-server"));
    meta.add(new Meta("timestamp", Long.toString(now)));
    meta.add(new Meta("annotationId", a.id));
    meta.add(new Meta("username", a.owner.fullName()));
    if (a.task != null) {
      meta.add(new Meta("taskId", a.task.id));
    }
    List<VolumeLayer> volumes = a.content.volumes();
    List<Nml.Volume> elements = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      elements.add(
          volumes
              .get(i)
              .element()
              .withIdAndName(i, volumes.get(i).element().name())
              .withLocation(volumeLocation(volumes, i)));
    }
    return NmlWriter.toBytes(content.withMeta(meta).withParameters(p).withVolumes(elements));
  }

  /**
   * The annotation's name, or webKnossos' default {@code
   * <dataset>__<taskId|explorational>__<initial+lastname>__<last 6 of id>}, made safe for a file
   * name.
   */
  static String defaultName(Annotation a) {
    if (a.name != null && !a.name.isBlank()) {
      return safeFileName(a.name);
    }
    String who =
        (a.owner.firstName.isEmpty() ? "" : a.owner.firstName.substring(0, 1)) + a.owner.lastName;
    String id = a.id.length() > 6 ? a.id.substring(a.id.length() - 6) : a.id;
    return safeFileName(
        a.dataset.name()
            + "__"
            + (a.task == null ? "explorational" : a.task.id)
            + "__"
            + who.toLowerCase(Locale.ROOT)
            + "__"
            + id);
  }

  static String safeFileName(String s) {
    String ascii = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String safe = ascii.replaceAll("[^A-Za-z0-9._()+-]", "_");
    return safe.isEmpty() ? "annotation" : safe;
  }

  private static byte[] emptyZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.finish();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }
}
