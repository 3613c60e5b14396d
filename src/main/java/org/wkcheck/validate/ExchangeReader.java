package org.wkcheck.validate;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads recorded traffic: HAR files ({@code .har}), exchange files ({@code .json} holding {@code
 * method, path, status, body}, as in webKnossos recordings; a {@code body_file} names a raw body
 * next to it) and folders of them, recursively. A file that cannot be read becomes a {@link
 * Problem}; it never stops the others.
 */
public final class ExchangeReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A file that could not be read, and why. */
  public record Problem(String source, String message) {}

  /** What a set of paths holds. */
  public record Contents(List<Exchange> exchanges, List<Problem> problems) {}

  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  private ExchangeReader() {}

  public static Contents read(List<Path> paths) {
    ExchangeReader r = new ExchangeReader();
    for (Path p : paths) {
      r.readPath(p);
    }
    return new Contents(List.copyOf(r.exchanges), List.copyOf(r.problems));
  }

  private void readPath(Path p) {
    if (Files.isDirectory(p)) {
      try (Stream<Path> files = Files.walk(p)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
          if (n.endsWith(".har") || n.endsWith(".json")) {
            readFile(f);
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        problems.add(new Problem(p.toString(), "cannot list the folder: " + e.getMessage()));
      }
    } else if (Files.exists(p)) {
      readFile(p);
    } else {
      problems.add(new Problem(p.toString(), "no such file or folder"));
    }
  }

  private void readFile(Path f) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(f));
    } catch (IOException e) {
      problems.add(new Problem(f.toString(), "cannot read: " + e.getMessage()));
      return;
    } catch (JacksonException e) {
      problems.add(new Problem(f.toString(), "not valid JSON: " + e.getOriginalMessage()));
      return;
    }
    if (root == null || !root.isObject()) {
      problems.add(new Problem(f.toString(), "neither a HAR file nor an exchange file"));
    } else if (root.path("log").path("entries").isArray()) {
      readHar(f, root);
    } else if (root.has("method") && root.has("path") && root.has("status")) {
      readExchange(f, root);
    } else {
      problems.add(
          new Problem(
              f.toString(),
              "neither a HAR file (log.entries) nor an exchange file (method, path, status)"));
    }
  }

  private void readExchange(Path f, JsonNode e) {
    String method = e.path("method").asString("");
    String path = e.path("path").asString("");
    if (!e.path("status").isIntegralNumber() || method.isEmpty() || !path.startsWith("/")) {
      problems.add(
          new Problem(f.toString(), "exchange file without a valid method, path and status"));
      return;
    }
    JsonNode body = e.get("body");
    byte[] bytes = null;
    String problem = null;
    String bodyFile = e.path("body_file").asString(null);
    if ((body == null || body.isNull()) && bodyFile != null) {
      Path raw = f.resolveSibling(bodyFile);
      try {
        bytes = Files.readAllBytes(raw);
      } catch (IOException ex) {
        problem = "body file " + bodyFile + " cannot be read: " + ex.getMessage();
      }
      body = null;
    }
    exchanges.add(
        new Exchange(
            f.getFileName().toString(),
            method.toUpperCase(java.util.Locale.ROOT),
            path,
            e.path("status").asInt(),
            e.path("content_type").asString(null),
            body != null && !body.isNull() ? body : null,
            bytes,
            problem,
            e.path("sanitized").asBoolean(false)));
  }

  private void readHar(Path f, JsonNode har) {
    int i = 0;
    for (JsonNode entry : har.path("log").path("entries")) {
      i++;
      String source = f.getFileName() + "#" + i;
      String method = entry.path("request").path("method").asString("");
      String url = entry.path("request").path("url").asString("");
      String path;
      try {
        URI u = URI.create(url);
        path = u.getRawPath() == null ? "" : u.getRawPath();
        if (u.getRawQuery() != null) {
          path += "?" + u.getRawQuery();
        }
      } catch (IllegalArgumentException ex) {
        problems.add(new Problem(source, "entry with an invalid URL: " + url));
        continue;
      }
      JsonNode res = entry.path("response");
      JsonNode content = res.path("content");
      String mime =
          content
              .path("mimeType")
              .asString(res.path("headers").isArray() ? header(res, "content-type") : null);
      byte[] bytes = null;
      String problem = null;
      if (content.path("text").isString()) {
        String text = content.path("text").asString();
        try {
          bytes =
              "base64".equalsIgnoreCase(content.path("encoding").asString(""))
                  ? Base64.getDecoder().decode(text.replaceAll("\\s", ""))
                  : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
          problem = "the recorded base64 body is broken";
        }
      } else {
        problem = "the HAR entry holds no response body";
      }
      JsonNode json = null;
      if (bytes != null && bytes.length > 0 && looksLikeJson(mime, bytes)) {
        try {
          json = JSON.readTree(bytes);
        } catch (JacksonException ex) {
          json = null; // the validator reports a JSON body that does not parse
        }
      }
      exchanges.add(
          new Exchange(
              source,
              method.toUpperCase(java.util.Locale.ROOT),
              path,
              res.path("status").asInt(0),
              mime,
              json,
              bytes,
              problem,
              false));
    }
  }

  private static String header(JsonNode res, String name) {
    for (JsonNode h : res.path("headers")) {
      if (name.equalsIgnoreCase(h.path("name").asString(""))) {
        return h.path("value").asString(null);
      }
    }
    return null;
  }

  private static boolean looksLikeJson(String mime, byte[] bytes) {
    if (mime != null && mime.toLowerCase(java.util.Locale.ROOT).contains("json")) {
      return true;
    }
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }
}
