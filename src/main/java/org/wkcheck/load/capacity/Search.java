package org.wkcheck.load.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The adaptive search over arrival rates, apart from how a step is run: doubles the rate while
 * steps pass, then bisects between the highest passing and the lowest failing rate until they are
 * within the resolution, decides every rate near the boundary by the majority of repeated steps,
 * and ends with a confirming step at the found rate. An invalid step (the load generator was the
 * limit) or the rate cap ends the search with what is known.
 */
public final class Search {
  /** Why the search ended. */
  public enum End {
    /** bracketed to the resolution and confirmed */
    FOUND,
    /** the highest rate allowed (the rate cap or --max-rate) passed */
    RATE_CAP,
    /** the load generator could not send a planned rate */
    GENERATOR,
    /** the time budget ran out: the bracket so far */
    BUDGET,
    /** even the lowest rate tried failed */
    NONE_PASSED,
    /** a step broke a correctness check: the target is wrong under load, whatever its speed */
    CORRECTNESS
  }

  /** A step the search asked for and how it went. */
  public record Step(double rate, Verdict verdict, String phase) {}

  private final double maxRate;
  private final double resolution;
  private final int repeats;
  private final double minRate;
  private final List<Step> steps = new ArrayList<>();

  private double next;
  private String phase = "double";
  private double lo = 0; // highest rate decided as passing
  private double hi = Double.POSITIVE_INFINITY; // lowest rate decided as failing
  private final List<Verdict> votes = new ArrayList<>();
  private End end;

  /**
   * @param startRate the first rate
   * @param maxRate the highest rate that may be tried (the rate cap, or --max-rate)
   * @param resolutionPercent the search ends when the failing rate is within this many percent
   *     above the passing one
   * @param repeats how many steps decide a rate near the boundary (by majority)
   */
  public Search(double startRate, double maxRate, double resolutionPercent, int repeats) {
    if (!(startRate > 0) || !(maxRate >= startRate)) {
      throw new IllegalArgumentException("need 0 < start rate <= max rate");
    }
    if (!(resolutionPercent > 0) || repeats < 1) {
      throw new IllegalArgumentException("need a positive resolution and at least one repeat");
    }
    this.maxRate = maxRate;
    this.resolution = resolutionPercent / 100.0;
    this.repeats = repeats;
    this.minRate = Math.min(startRate, 1.0) / 64;
    this.next = startRate;
  }

  /** The rate of the next step, or empty when the search has ended. */
  public OptionalDouble next() {
    return end == null ? OptionalDouble.of(next) : OptionalDouble.empty();
  }

  /** What the step at {@link #next()} gave. */
  public void record(Verdict v) {
    if (end != null) {
      throw new IllegalStateException("the search has ended");
    }
    steps.add(new Step(next, v, phase));
    if (v == Verdict.INVALID) {
      end = End.GENERATOR;
      return;
    }
    if (phase.equals("confirm")) {
      if (v == Verdict.PASS) {
        end = End.FOUND;
      } else {
        // the found rate did not hold: it fails, and the search goes on below it
        hi = next;
        lo =
            steps.stream()
                .filter(s -> s.verdict() == Verdict.PASS && s.rate() < hi)
                .mapToDouble(Step::rate)
                .max()
                .orElse(0);
        lo = lo >= hi ? 0 : lo;
        decideNext();
      }
      return;
    }
    votes.add(v);
    Verdict decided = decide();
    if (decided == null) {
      return; // the same rate again
    }
    votes.clear();
    if (decided == Verdict.PASS) {
      lo = Math.max(lo, next);
    } else {
      hi = Math.min(hi, next);
    }
    decideNext();
  }

  /** Ends the search now (the time budget ran out). */
  public void stop() {
    halt(End.BUDGET);
  }

  /** Ends the search now, for this reason. */
  public void halt(End why) {
    if (end == null) {
      end = why;
    }
  }

  /** The verdict on the current rate, or null while the repeats are not decided. */
  private Verdict decide() {
    if (!nearBoundary() || repeats == 1) {
      return votes.get(votes.size() - 1);
    }
    int majority = repeats / 2 + 1;
    long passes = votes.stream().filter(x -> x == Verdict.PASS).count();
    long fails = votes.size() - passes;
    if (passes >= majority) {
      return Verdict.PASS;
    }
    if (fails >= majority) {
      return Verdict.FAIL;
    }
    return votes.size() >= repeats ? (passes > fails ? Verdict.PASS : Verdict.FAIL) : null;
  }

  /** Near the boundary: the bracket is within four resolutions (where noise can flip a step). */
  private boolean nearBoundary() {
    return hi != Double.POSITIVE_INFINITY && lo > 0 && (hi - lo) <= 4 * resolution * lo;
  }

  private void decideNext() {
    if (hi == Double.POSITIVE_INFINITY) {
      if (lo >= maxRate) {
        end = End.RATE_CAP;
        return;
      }
      phase = "double";
      next = Math.min(maxRate, lo * 2);
      return;
    }
    if (lo == 0) {
      if (hi <= minRate) {
        end = End.NONE_PASSED;
        return;
      }
      phase = "bisect";
      next = hi / 2;
      return;
    }
    if (hi - lo <= resolution * lo) {
      phase = "confirm";
      next = lo;
      return;
    }
    phase = nearBoundary() ? "repeat" : "bisect";
    next = (lo + hi) / 2;
  }

  public End end() {
    return end;
  }

  public List<Step> steps() {
    return List.copyOf(steps);
  }

  /** The highest rate decided as passing (0 if none). */
  public double passing() {
    return lo;
  }

  /** The lowest rate decided as failing (infinity if none). */
  public double failing() {
    return hi;
  }

  /** The phase of the next step: double, bisect, repeat or confirm. */
  public String phase() {
    return phase;
  }

  /** The bracket reached, in percent of the passing rate (infinity while unbounded). */
  public double bracketPercent() {
    return lo == 0 || hi == Double.POSITIVE_INFINITY
        ? Double.POSITIVE_INFINITY
        : (hi - lo) / lo * 100;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "search %s [%.1f, %.1f) %s", phase, lo, hi, end);
  }
}
