package org.wkcheck.cli;

import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README documents every flag of every command: each option picocli knows (help and version
 * aside) appears in the README as {@code --flag}, and the README names no flag a command lacks.
 */
public class ReadmeFlagsTest {
  private static final List<String> STANDARD = List.of("--help", "--version");

  @Test
  public void everyFlagIsInTheReadmeAndEveryReadmeFlagExists() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    CommandLine main = new CommandLine(new Main());
    List<String> undocumented = new ArrayList<>();
    List<String> known = new ArrayList<>(STANDARD);
    main.getSubcommands()
        .forEach(
            (name, sub) -> {
              for (OptionSpec o : sub.getCommandSpec().options()) {
                String flag = o.longestName();
                known.add(flag);
                if (!STANDARD.contains(flag)
                    && !Pattern.compile(Pattern.quote(flag) + "(?![A-Za-z-])")
                        .matcher(readme)
                        .find()) {
                  undocumented.add(name + " " + flag);
                }
              }
            });
    assertTrue(undocumented.isEmpty(), "flags the README does not mention: " + undocumented);

    List<String> unknown = new ArrayList<>();
    Matcher m = Pattern.compile("(?<![A-Za-z0-9-])--[a-z][a-z0-9-]*[a-z0-9]").matcher(readme);
    while (m.find()) {
      String flag = m.group();
      if (!known.contains(flag) && !MAVEN_AND_SHELL.contains(flag) && !unknown.contains(flag)) {
        unknown.add(flag);
      }
    }
    assertTrue(unknown.isEmpty(), "flags the README names that no command has: " + unknown);
  }

  /** Flags of other tools the README shows: curl's in the reproduce lines. */
  private static final List<String> MAVEN_AND_SHELL = List.of("--data");
}
