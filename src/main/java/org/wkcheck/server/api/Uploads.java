package org.wkcheck.server.api;

import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;

/**
 * A multipart request read whole: its form fields and file parts. A body that is not multipart, is
 * malformed or exceeds the upload limit is a 4xx, never a server error.
 */
final class Uploads {
  private final Call call;
  private final List<Part> files;

  record Part(String fileName, byte[] bytes) {}

  private Uploads(Call call, List<Part> files) {
    this.call = call;
    this.files = files;
  }

  static Uploads read(Call call) {
    if (!call.ctx().isMultipartFormData()) {
      throw ApiException.badRequest("Expected a multipart/form-data request");
    }
    try {
      List<Part> parts = new ArrayList<>();
      // webKnossos takes every file part, whatever its field name.
      for (UploadedFile f : call.ctx().uploadedFiles()) {
        try (InputStream in = f.content()) {
          parts.add(new Part(f.filename(), in.readAllBytes()));
        }
      }
      return new Uploads(call, parts);
    } catch (Exception e) { // Javalin passes Jetty's ServletException through undeclared
      throw unreadable(e);
    }
  }

  /** A form field (not a file), or null. */
  String field(String name) {
    try {
      return call.ctx().formParam(name);
    } catch (Exception e) {
      throw unreadable(e);
    }
  }

  List<Part> files() {
    return files;
  }

  private static ApiException unreadable(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) {
        return api;
      }
      if (t instanceof org.eclipse.jetty.http.BadMessageException bad && bad.getCode() < 500) {
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
