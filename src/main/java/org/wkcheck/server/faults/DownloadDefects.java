package org.wkcheck.server.faults;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.wkcheck.server.http.Answer;

/**
 * The defects of downloads that change the file as it goes out: its type, its disposition, its
 * content. (Downloads of the wrong form, an NML where a ZIP is due, are {@link EffectDefects}.)
 */
final class DownloadDefects {
  private DownloadDefects() {}

  private static final String DOWNLOAD = "GET /annotations/{typ}/{id}/download";

  /** A filter that changes the download the route answers. */
  private static void rewrite(FaultLayer layer, UnaryOperator<Answer> change) {
    layer.filter(
        (call, next) -> {
          next.proceed();
          call.answer(change.apply(call.answer()));
        },
        DOWNLOAD);
  }

  /** Whether the answer is an NML file (told by its name, whatever its type says). */
  private static boolean isNml(Answer a) {
    return a.isFile() && a.fileName().endsWith(".nml");
  }

  static void nmlAsTextPlain(FaultLayer layer) {
    rewrite(layer, a -> isNml(a) ? a.withContentType("text/plain") : a);
  }

  static void withoutAttachment(FaultLayer layer) {
    rewrite(layer, a -> a.withAttachment(false));
  }

  static void nmlTruncated(FaultLayer layer) {
    rewrite(
        layer,
        a -> isNml(a) ? a.withFile(a.fileName(), Arrays.copyOf(a.body(), a.body().length / 2)) : a);
  }

  static void nmlWithoutParameters(FaultLayer layer) {
    rewrite(
        layer,
        a -> {
          if (!isNml(a)) {
            return a;
          }
          String text = new String(a.body(), StandardCharsets.UTF_8);
          return a.withFile(
              a.fileName(),
              text.replaceAll("(?s)<parameters>.*?</parameters>", "")
                  .getBytes(StandardCharsets.UTF_8));
        });
  }

  static void notStreamed(FaultLayer layer) {
    rewrite(layer, a -> a.isFile() ? a.withStreamed(false) : a);
  }

  // --- downloads that lose one detail of the skeleton -------------------------------------------

  /**
   * A filter that changes the text of every NML the download route answers: an NML file, and every
   * NML in a ZIP (a volume download, a compound's files). The reference server writes each element
   * on a line of its own, attributes in a fixed order, so one regular expression finds a detail.
   */
  private static void rewriteNml(FaultLayer layer, UnaryOperator<String> change) {
    rewrite(
        layer,
        a -> {
          if (!a.isFile()) {
            return a;
          }
          if (isNml(a)) {
            return a.withFile(a.fileName(), changed(a.body(), change));
          }
          return isZip(a.body()) ? a.withFile(a.fileName(), rezipped(a.body(), change)) : a;
        });
  }

  private static byte[] changed(byte[] nml, UnaryOperator<String> change) {
    return change.apply(new String(nml, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K';
  }

  /** The ZIP with its NML entries changed, its other entries as they were. */
  private static byte[] rezipped(byte[] zip, UnaryOperator<String> change) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(
            e.getName().toLowerCase(Locale.ROOT).endsWith(".nml") ? changed(bytes, change) : bytes);
        z.closeEntry();
      }
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
    return out.toByteArray();
  }

  /**
   * The text with group 1 of the first match of the pattern changed by {@code change}; the text as
   * it is when nothing matches.
   */
  private static String firstMatchChanged(String text, String regex, UnaryOperator<String> change) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find()
        ? text.substring(0, m.start(1)) + change.apply(m.group(1)) + text.substring(m.end(1))
        : text;
  }

  static void nmlLosesAnEdge(FaultLayer layer) {
    rewriteNml(layer, t -> firstMatchChanged(t, "([ \\t]*<edge [^>]*/>\\r?\\n?)", edge -> ""));
  }

  static void nmlCommentTextChanged(FaultLayer layer) {
    rewriteNml(
        layer,
        t ->
            firstMatchChanged(
                t, "<comment [^>]*content=\"([^\"]*)\"", content -> content + " (edited)"));
  }

  static void nmlLosesABranchpoint(FaultLayer layer) {
    rewriteNml(
        layer, t -> firstMatchChanged(t, "([ \\t]*<branchpoint [^>]*/>\\r?\\n?)", point -> ""));
  }

  static void nmlNodeRadiusChanged(FaultLayer layer) {
    rewriteNml(
        layer,
        t -> firstMatchChanged(t, "<node [^>]*?radius=\"([^\"]*)\"", DownloadDefects::plusOne));
  }

  /** The number one larger; a value that is not a number as it is. */
  private static String plusOne(String number) {
    try {
      return String.valueOf(Double.parseDouble(number) + 1);
    } catch (NumberFormatException e) {
      return number;
    }
  }

  static void nmlTreeLosesItsGroup(FaultLayer layer) {
    rewriteNml(layer, t -> firstMatchChanged(t, "<thing [^>]*?( groupId=\"[^\"]*\")", group -> ""));
  }
}
