package org.wkcheck.server.api;

import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.wkcheck.nml.Nml;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.UploadBudget;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Organization;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;

/**
 * A multipart request read whole: its form fields and file parts. A body that is not multipart, is
 * malformed or exceeds the upload limit is a 4xx, never a server error. The body bytes and the
 * bytes unpacked from its files count against the server's {@link UploadBudget}.
 */
final class Uploads {
  private final Call call;
  private final List<Part> files;
  private final UploadBudget.Reservation memory;

  record Part(String fileName, byte[] bytes) {}

  private Uploads(Call call, List<Part> files, UploadBudget.Reservation memory) {
    this.call = call;
    this.files = files;
    this.memory = memory;
  }

  static Uploads read(Call call) {
    if (!call.ctx().isMultipartFormData()) {
      throw ApiException.badRequest("Expected a multipart/form-data request");
    }
    UploadBudget.Reservation memory = UploadBudget.of(call.ctx());
    try {
      List<Part> parts = new ArrayList<>();
      // webKnossos takes every file part, whatever its field name.
      for (UploadedFile f : call.ctx().uploadedFiles()) {
        // the copy is reserved too: Jetty keeps large parts on disk, small ones in memory
        memory.reserve(f.size(), "File " + f.filename());
        try (InputStream in = f.content()) {
          parts.add(new Part(f.filename(), in.readNBytes((int) f.size())));
        }
      }
      return new Uploads(call, parts, memory);
    } catch (Exception e) { // Javalin passes Jetty's ServletException through undeclared
      throw unreadable(e);
    }
  }

  /** A form field (not a file), or null. */
  String field(String name) {
    try {
      return call.formField(name);
    } catch (Exception e) {
      throw unreadable(e);
    }
  }

  List<Part> files() {
    return files;
  }

  /**
   * The NMLs in one of the files ({@link AnnotationFiles#parse}); what it unpacks counts against
   * the server's upload budget until the request ends.
   */
  List<AnnotationFiles.ParsedNml> parse(Part file) {
    return AnnotationFiles.parse(file.fileName(), file.bytes(), memory);
  }

  /**
   * The dataset an uploaded NML belongs to: named by the form field {@code datasetName} or the
   * NML's {@code experiment@name}, in the organization the NML names if this server knows it, else
   * in the caller's. 404 when there is no such dataset, 403 when the caller cannot read it.
   */
  static Dataset datasetOf(World world, User me, Nml nml, String datasetNameOverride) {
    Nml.Experiment e = nml.parameters().experiment();
    String name = datasetNameOverride != null ? datasetNameOverride : e == null ? null : e.name();
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("The NML names no dataset (experiment@name is missing)");
    }
    Organization org =
        e == null || e.organization() == null
            ? me.organization
            : world.organizationByName(e.organization()).orElse(me.organization);
    Dataset ds = DatasetApi.named(world, org, name, any -> true);
    if (!Access.canRead(me, ds)) {
      throw ApiException.forbidden(
          "Could not access dataset " + name + ". Does your team have access?");
    }
    return ds;
  }

  private static ApiException unreadable(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) { // the upload budget refused the body, say
        return api;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.HttpException bad && bad.getCode() < 500) {
        return new ApiException(
            bad.getCode(),
            "Could not read the multipart body: "
                + bad.getReason()
                + " (malformed, or larger than the upload limit)");
      }
    }
    return ApiException.badRequest("Could not read the multipart body: " + e.getMessage());
  }
}
