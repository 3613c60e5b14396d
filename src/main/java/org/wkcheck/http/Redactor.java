package org.wkcheck.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keeps the configured tokens out of everything the harness writes: any of them, wherever it occurs
 * (in a request, in an answer the server echoed, in a message built from one), is replaced by the
 * name of the variable it came from, as {@code $WK_TOKEN}. Used on each recorded exchange, on the
 * console, and as a last sweep over every file of a run's report folder.
 */
public final class Redactor {
  private final List<Map.Entry<byte[], byte[]>> replacements = new ArrayList<>();
  private final List<Map.Entry<String, String>> texts = new ArrayList<>();
  private final int longest;

  /**
   * @param variableByToken each secret token and the name of the variable that holds it
   */
  public Redactor(Map<String, String> variableByToken) {
    Map<String, String> sorted = new LinkedHashMap<>();
    variableByToken.entrySet().stream()
        .filter(e -> e.getKey() != null && !e.getKey().isEmpty())
        .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length()))
        .forEach(e -> sorted.put(e.getKey(), "$" + e.getValue()));
    int max = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      texts.add(Map.entry(e.getKey(), e.getValue()));
      replacements.add(
          Map.entry(
              e.getKey().getBytes(StandardCharsets.UTF_8),
              e.getValue().getBytes(StandardCharsets.UTF_8)));
      max = Math.max(max, e.getKey().getBytes(StandardCharsets.UTF_8).length);
    }
    this.longest = max;
  }

  public static Redactor none() {
    return new Redactor(Map.of());
  }

  /** The text with every token replaced by its variable's name; null stays null. */
  public String redact(String s) {
    if (s == null) {
      return null;
    }
    for (Map.Entry<String, String> t : texts) {
      if (s.contains(t.getKey())) {
        s = s.replace(t.getKey(), t.getValue());
      }
    }
    return s;
  }

  /** Whether the text holds a token. */
  public boolean leaks(String s) {
    return s != null && texts.stream().anyMatch(t -> s.contains(t.getKey()));
  }

  /**
   * Replaces the tokens in every regular file below {@code dir} (any size: files are streamed).
   *
   * @return the files that held a token
   */
  public List<Path> sweep(Path dir) throws IOException {
    List<Path> changed = new ArrayList<>();
    if (texts.isEmpty() || !Files.isDirectory(dir)) {
      return changed;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path f : files) {
      if (sweepFile(f)) {
        changed.add(f);
      }
    }
    return changed;
  }

  private boolean sweepFile(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".redacting");
    boolean found = false;
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = Files.newOutputStream(tmp)) {
      byte[] buf = new byte[(1 << 20) + longest];
      int kept = 0; // bytes carried over from the last chunk (a token may straddle chunks)
      while (true) {
        int n = in.readNBytes(buf, kept, buf.length - kept);
        int len = kept + n;
        boolean end = n == 0 || len < buf.length;
        // everything before `safe` can be written: no token starting there can reach past len
        int safe = end ? len : len - (longest - 1);
        int pos = 0;
        int i = 0;
        while (i < safe) {
          Map.Entry<byte[], byte[]> hit = match(buf, i, len);
          if (hit != null) {
            out.write(buf, pos, i - pos);
            out.write(hit.getValue());
            i += hit.getKey().length;
            pos = i;
            found = true;
          } else {
            i++;
          }
        }
        out.write(buf, pos, i - pos);
        kept = len - i;
        System.arraycopy(buf, i, buf, 0, kept);
        if (end) {
          out.write(buf, 0, kept);
          break;
        }
      }
    }
    if (found) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(tmp);
    }
    return found;
  }

  private Map.Entry<byte[], byte[]> match(byte[] buf, int at, int len) {
    for (Map.Entry<byte[], byte[]> r : replacements) {
      byte[] t = r.getKey();
      if (at + t.length <= len && buf[at] == t[0]) {
        boolean same = true;
        for (int k = 1; k < t.length && same; k++) {
          same = buf[at + k] == t[k];
        }
        if (same) {
          return r;
        }
      }
    }
    return null;
  }

  /** A console that prints nothing of a token (each printed string is redacted whole). */
  public PrintStream wrap(PrintStream out) {
    if (texts.isEmpty()) {
      return out;
    }
    return new PrintStream(out, true, StandardCharsets.UTF_8) {
      @Override
      public void print(String s) {
        super.print(redact(s));
      }

      @Override
      public void print(Object o) {
        print(String.valueOf(o));
      }

      @Override
      public void println(String s) {
        synchronized (this) {
          print(s);
          println();
        }
      }

      @Override
      public void println(Object o) {
        println(String.valueOf(o));
      }
    };
  }
}
