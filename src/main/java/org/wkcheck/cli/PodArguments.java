package org.wkcheck.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags of a command line as another command gets them, token for token: the user's own
 * spelling kept (including {@code --flag=value}), only whole options dropped, kept or given a new
 * value. Used by {@code kubernetes} to pass the flags of {@code load} to the pods.
 */
final class PodArguments {
  private PodArguments() {}

  /**
   * The arguments after the command's name (all of them when the name is not there: the command was
   * run on its own).
   */
  static List<String> afterCommand(List<String> args, String name) {
    int at = args.indexOf(name);
    return List.copyOf(at < 0 ? args : args.subList(at + 1, args.size()));
  }

  /**
   * {@code args} without the options named in {@code drop} (with their values), and with the value
   * of each option named in {@code replace} replaced; everything else as given.
   */
  static List<String> without(
      CommandSpec spec, List<String> args, Set<String> drop, Map<String, String> replace) {
    return rewrite(
        spec,
        args,
        (name, tokens) -> {
          if (drop.contains(name)) {
            return List.of();
          }
          String value = replace.get(name);
          if (value == null) {
            return tokens;
          } else if (tokens.size() == 1 && tokens.get(0).contains("=")) {
            return List.of(tokens.get(0).substring(0, tokens.get(0).indexOf('=') + 1) + value);
          } else {
            return List.of(tokens.get(0), value);
          }
        });
  }

  /** Only the options of {@code args} named in {@code keep}, with their values, as given. */
  static List<String> only(CommandSpec spec, List<String> args, Set<String> keep) {
    return rewrite(spec, args, (name, tokens) -> keep.contains(name) ? tokens : List.of());
  }

  /** What one option of the command line becomes. */
  private interface Rewrite {
    /**
     * @param name the option's longest name ({@code --max-rps}), or the token itself when it is no
     *     option of the command
     * @param tokens the option and its value as given: one token ({@code --flag}, {@code
     *     --flag=value}) or two ({@code --flag value})
     * @return the tokens that stand for it in the new command line (none to drop it)
     */
    List<String> option(String name, List<String> tokens);
  }

  /** {@code args}, each option (with its value) replaced by what {@code rewrite} makes of it. */
  private static List<String> rewrite(CommandSpec spec, List<String> args, Rewrite rewrite) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      int eq = token.indexOf('=');
      boolean inline = token.startsWith("--") && eq > 0;
      OptionSpec option =
          token.startsWith("-") ? spec.findOption(inline ? token.substring(0, eq) : token) : null;
      if (option == null) {
        out.addAll(rewrite.option(token, List.of(token)));
      } else if (!inline && option.arity().min() > 0 && i + 1 < args.size()) {
        out.addAll(rewrite.option(option.longestName(), List.of(token, args.get(++i))));
      } else {
        out.addAll(rewrite.option(option.longestName(), List.of(token)));
      }
    }
    return out;
  }
}
