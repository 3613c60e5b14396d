package org.wkcheck.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.wkcheck.cli.Main;

/** One run of the ./wkcheck command line in this JVM: its exit code and what it printed. */
public record CommandRun(int exit, String out, String err) {

  /** Runs Main with these arguments, capturing System.out and System.err. */
  public static CommandRun main(String... args) {
    return capture(() -> Main.run(args));
  }

  /** Runs the body with System.out and System.err captured, and puts them back afterwards. */
  public static CommandRun capture(IntSupplier body) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = body.getAsInt();
      return new CommandRun(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The last line printed to stdout (the summary line of most commands). */
  public String lastLine() {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }
}
