package org.wkcheck.validate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.wkcheck.contract.InputRefused;
import org.wkcheck.http.Sizes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads recorded traffic: HAR files ({@code .har}), exchange files ({@code .json} holding {@code
 * method, path, status, body}, as in webKnossos recordings; a {@code body_file} names a raw body in
 * the same folder) and folders of them, recursively. One file is read at a time and its exchanges
 * are handed on before the next is read. A file or HAR entry that cannot be read, or that breaks
 * one of the {@link InputLimits}, becomes a {@link Problem}; it never stops the others.
 */
public final class ExchangeReader {
  /** A file or HAR entry that could not be read or was refused, and why. */
  public record Problem(String source, String message) {}

  /**
   * Where exchanges and problems go, in the order they are met. {@code where} locates an exchange
   * as a problem's source would: the file's path, with {@code #n} for the n-th entry of a HAR.
   */
  public interface Sink {
    void exchange(String where, RecordedExchange e);

    void problem(Problem p);
  }

  private final InputLimits limits;
  private final Sink sink;
  private final JsonMapper harJson;
  private final JsonMapper exchangeJson; // also for JSON bodies in HAR files

  private ExchangeReader(InputLimits limits, Sink sink) {
    this.limits = limits;
    this.sink = sink;
    this.harJson = InputLimits.json(limits.maxHar(), InputLimits.MAX_HAR_TOKENS);
    this.exchangeJson = InputLimits.json(limits.maxBody(), InputLimits.MAX_JSON_TOKENS);
  }

  public static void read(List<Path> paths, InputLimits limits, Sink sink) {
    ExchangeReader r = new ExchangeReader(limits, sink);
    for (Path p : paths) {
      r.readPath(p);
    }
  }

  private void problem(Object source, String message) {
    sink.problem(new Problem(source.toString(), message));
  }

  private static boolean recordingName(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".har") || n.endsWith(".json");
  }

  private void readPath(Path p) {
    if (Files.isDirectory(p)) {
      List<Path> files;
      Path realRoot;
      try (Stream<Path> all = Files.walk(p)) {
        files =
            all.filter(f -> recordingName(f) && !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS))
                .sorted()
                .toList();
        realRoot = p.toRealPath();
      } catch (IOException | java.io.UncheckedIOException e) {
        problem(p, "cannot list the folder: " + e.getMessage());
        return;
      }
      for (Path f : files) {
        if (Files.isSymbolicLink(f) && !linksWithin(f, realRoot)) {
          problem(f, "a symbolic link leading out of the folder " + p + "; not followed");
        } else {
          readFile(f);
        }
      }
    } else if (Files.exists(p)) {
      readFile(p);
    } else {
      problem(p, "no such file or folder");
    }
  }

  private static boolean linksWithin(Path link, Path realRoot) {
    try {
      return link.toRealPath().startsWith(realRoot);
    } catch (IOException e) {
      return true; // a dangling link: reading it says so
    }
  }

  private void readFile(Path f) {
    boolean har = f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".har");
    long max = har ? limits.maxHar() : limits.maxBody();
    String bound =
        har
            ? " for HAR files (" + InputLimits.HAR_FACTOR + " x --max-body)"
            : " for exchange files (--max-body; HAR files named .har may hold "
                + Sizes.size(limits.maxHar())
                + ")";
    try {
      BoundedFiles.requireRegular(f, max, "the file", bound);
      JsonNode root;
      try (InputStream in = Files.newInputStream(f)) {
        root = (har ? harJson : exchangeJson).readTree(in);
      }
      if (root == null || !root.isObject()) {
        problem(f, "neither a HAR file nor an exchange file");
      } else if (root.path("log").path("entries").isArray()) {
        readHar(f, root);
      } else if (root.has("method") && root.has("path") && root.has("status")) {
        readExchange(f, root);
      } else {
        problem(f, "neither a HAR file (log.entries) nor an exchange file (method, path, status)");
      }
    } catch (InputRefused e) {
      problem(f, e.getMessage());
    } catch (StreamConstraintsException e) {
      problem(f, InputLimits.describe(e));
    } catch (JacksonIOException e) {
      problem(f, "cannot read: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      problem(f, "not valid JSON: " + e.getOriginalMessage());
    } catch (NoSuchFileException e) {
      problem(f, "cannot read: no such file");
    } catch (IOException e) {
      problem(f, "cannot read: " + e.getMessage());
    } catch (OutOfMemoryError | StackOverflowError e) {
      // The bounds are meant to make this impossible; if one is missing, lose this file only.
      problem(
          f,
          "ran out of "
              + (e instanceof OutOfMemoryError ? "memory" : "stack")
              + " on this file (a bound of validate is missing: please report it)");
    }
  }

  private void readExchange(Path f, JsonNode e) throws InputRefused {
    String method = e.path("method").asString("");
    String path = e.path("path").asString("");
    if (!e.path("status").isIntegralNumber() || method.isEmpty() || !path.startsWith("/")) {
      problem(f, "exchange file without a valid method, path and status");
      return;
    }
    JsonNode body = e.get("body");
    byte[] bytes = null;
    String bodyFile = e.path("body_file").asString(null);
    if ((body == null || body.isNull()) && bodyFile != null) {
      try {
        bytes = BoundedFiles.readBodyFile(f, bodyFile, limits.maxBody());
      } catch (NoSuchFileException ex) {
        throw new InputRefused("body_file " + bodyFile + " cannot be read: no such file");
      } catch (IOException ex) {
        throw new InputRefused("body_file " + bodyFile + " cannot be read: " + ex.getMessage());
      }
      body = null;
    }
    sink.exchange(
        f.toString(),
        new RecordedExchange(
            f.getFileName().toString(),
            method.toUpperCase(Locale.ROOT),
            path,
            e.path("status").asInt(),
            e.path("content_type").asString(null),
            body != null && !body.isNull() ? body : null,
            bytes,
            null,
            e.path("sanitized").asBoolean(false),
            bodyFile));
  }

  private void readHar(Path f, JsonNode har) {
    int i = 0;
    for (JsonNode entry : har.path("log").path("entries")) {
      i++;
      String where = f + "#" + i;
      try {
        readHarEntry(where, f.getFileName() + "#" + i, entry);
      } catch (InputRefused e) {
        problem(where, e.getMessage());
      }
    }
  }

  private void readHarEntry(String where, String source, JsonNode entry) throws InputRefused {
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
      problem(where, "entry with an invalid URL: " + url);
      return;
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
      if ("base64".equalsIgnoreCase(content.path("encoding").asString(""))) {
        bytes = decodeBase64(text);
        if (bytes == null) {
          problem = "the recorded base64 body is broken";
        }
      } else {
        if (text.length() > limits.maxBody()) { // UTF-8 takes at least a byte per char
          throw bodyTooLarge("the body holds " + text.length() + " characters");
        }
        bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > limits.maxBody()) {
          throw bodyTooLarge("the body is " + Sizes.size(bytes.length) + " in UTF-8");
        }
      }
    } else {
      problem = "the HAR entry holds no response body";
    }
    JsonNode json = null;
    if (bytes != null && bytes.length > 0 && looksLikeJson(mime, bytes)) {
      try {
        json = exchangeJson.readTree(bytes);
      } catch (StreamConstraintsException ex) {
        throw new InputRefused("the body: " + InputLimits.describe(ex));
      } catch (JacksonException ex) {
        json = null; // the validator reports a JSON body that does not parse
      }
    }
    sink.exchange(
        where,
        new RecordedExchange(
            source,
            method.toUpperCase(Locale.ROOT),
            path,
            res.path("status").asInt(0),
            mime,
            json,
            bytes,
            problem,
            false,
            null));
  }

  private InputRefused bodyTooLarge(String what) {
    return new InputRefused(
        what + ", above the bound of " + Sizes.size(limits.maxBody()) + " (--max-body)");
  }

  /**
   * A base64 body, its decoded size checked before decoding; {@code null} when it is not base64.
   */
  private byte[] decodeBase64(String text) throws InputRefused {
    int significant = 0;
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        significant++;
      }
    }
    long decoded = significant / 4L * 3;
    if (decoded > limits.maxBody() + 2) { // up to two of them may be padding
      throw bodyTooLarge("the base64 body decodes to about " + Sizes.size(decoded));
    }
    String compact = significant == text.length() ? text : text.replaceAll("\\s", "");
    try {
      byte[] b = Base64.getDecoder().decode(compact);
      if (b.length > limits.maxBody()) {
        throw bodyTooLarge("the base64 body decodes to " + Sizes.size(b.length));
      }
      return b;
    } catch (IllegalArgumentException ex) {
      return null;
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
    if (mime != null && mime.toLowerCase(Locale.ROOT).contains("json")) {
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
