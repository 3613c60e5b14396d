package org.wkcheck.server.api;

import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;

/** The file parts of a multipart request, read whole. */
final class Uploads {
  private Uploads() {}

  record Part(String fileName, byte[] bytes) {}

  /** All file parts, whatever their field names (webKnossos takes every file part). */
  static List<Part> files(Call call) {
    requireMultipart(call);
    List<Part> parts = new ArrayList<>();
    for (UploadedFile f : call.ctx().uploadedFiles()) {
      try (InputStream in = f.content()) {
        parts.add(new Part(f.filename(), in.readAllBytes()));
      } catch (IOException e) {
        throw ApiException.badRequest("Could not read uploaded file " + f.filename());
      }
    }
    return parts;
  }

  static void requireMultipart(Call call) {
    if (!call.ctx().isMultipartFormData()) {
      throw ApiException.badRequest("Expected a multipart/form-data request");
    }
  }
}
