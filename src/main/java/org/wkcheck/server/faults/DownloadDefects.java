package org.wkcheck.server.faults;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
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
}
