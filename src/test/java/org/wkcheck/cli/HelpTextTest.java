package org.wkcheck.cli;

import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import org.testng.annotations.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of every option and positional parameter comes from help.properties (or, for the few
 * that quote a constant, from its annotation): a key missing from the bundle would print an option
 * without a word of help, and a command's own option without its qualified key would print the text
 * of a shared option of the same name.
 */
public class HelpTextTest {

  @Test
  public void everyOptionAndParameterOfEveryCommandHasHelp() {
    List<String> missing = new ArrayList<>();
    walk(new CommandLine(new Main()).getCommandSpec(), missing, new ArrayList<>());
    assertTrue(missing.isEmpty(), "options and parameters without help: " + missing);
  }

  @Test
  public void noOwnOptionOfACommandTakesTheTextOfASharedOne() {
    List<String> borrowed = new ArrayList<>();
    walk(new CommandLine(new Main()).getCommandSpec(), new ArrayList<>(), borrowed);
    assertTrue(borrowed.isEmpty(), "own options with the help of a shared option: " + borrowed);
  }

  private static void walk(CommandSpec command, List<String> missing, List<String> borrowed) {
    List<ArgSpec> args = new ArrayList<>(command.options());
    args.addAll(command.positionalParameters());
    for (ArgSpec a : args) {
      if (String.join("", a.description()).isBlank()) {
        missing.add(command.qualifiedName() + " " + label(a));
      }
    }
    ResourceBundle bundle = command.resourceBundle();
    Set<String> shared = mixinOptions(command);
    for (OptionSpec o : command.options()) {
      String bare = o.longestName().replaceFirst("^-+", "");
      if (!shared.contains(o.longestName())
          && bundle.containsKey(bare)
          && !bundle.containsKey(command.qualifiedName(".") + "." + bare)) {
        borrowed.add(command.qualifiedName() + " " + o.longestName());
      }
    }
    command.subcommands().values().forEach(c -> walk(c.getCommandSpec(), missing, borrowed));
  }

  /** The options a command has from its mixins, theirs included. */
  private static Set<String> mixinOptions(CommandSpec command) {
    Set<String> names = new HashSet<>();
    for (CommandSpec mixin : command.mixins().values()) {
      mixin.options().forEach(o -> names.add(o.longestName()));
      names.addAll(mixinOptions(mixin));
    }
    return names;
  }

  private static String label(ArgSpec a) {
    return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
  }
}
