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
    List<String> out = new ArrayList<>();
    walk(
        spec,
        args,
        (name, tokens) -> {
          if (drop.contains(name)) {
            return;
          }
          String value = replace.get(name);
          if (value == null) {
            out.addAll(tokens);
          } else if (tokens.size() == 1 && tokens.get(0).contains("=")) {
            out.add(tokens.get(0).substring(0, tokens.get(0).indexOf('=') + 1) + value);
          } else {
            out.addAll(List.of(tokens.get(0), value));
          }
        });
    return out;
  }

  /** Only the options of {@code args} named in {@code keep}, with their values, as given. */
  static List<String> only(CommandSpec spec, List<String> args, Set<String> keep) {
    List<String> out = new ArrayList<>();
    walk(
        spec,
        args,
        (name, tokens) -> {
          if (keep.contains(name)) {
            out.addAll(tokens);
          }
        });
    return out;
  }

  private interface Visitor {
    /**
     * @param name the option's longest name ({@code --max-rps}), or the token itself when it is no
     *     option of the command
     * @param tokens the option and its value as given: one token ({@code --flag}, {@code
     *     --flag=value}) or two ({@code --flag value})
     */
    void option(String name, List<String> tokens);
  }

  private static void walk(CommandSpec spec, List<String> args, Visitor visitor) {
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      int eq = token.indexOf('=');
      boolean inline = token.startsWith("--") && eq > 0;
      OptionSpec option =
          token.startsWith("-") ? spec.findOption(inline ? token.substring(0, eq) : token) : null;
      if (option == null) {
        visitor.option(token, List.of(token));
        continue;
      }
      if (!inline && option.arity().min() > 0 && i + 1 < args.size()) {
        visitor.option(option.longestName(), List.of(token, args.get(++i)));
      } else {
        visitor.option(option.longestName(), List.of(token));
      }
    }
  }
}
