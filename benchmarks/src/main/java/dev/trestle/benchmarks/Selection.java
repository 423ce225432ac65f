package dev.trestle.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which experiments a report run executes and which of their claims it keeps, from the ids given
 * to {@code --only}: an experiment id selects all its claims, a claim id selects its experiment and
 * keeps that claim alone. Immutable.
 */
final class Selection {

  private final Map<ClaimExperiment, Set<String>> kept; // experiment -> claim ids kept, in report order
  private final List<String> ids;

  private Selection(Map<ClaimExperiment, Set<String>> kept, List<String> ids) {
    this.kept = kept;
    this.ids = ids;
  }

  /** Every experiment and every claim. */
  static Selection all(List<ClaimExperiment> experiments) {
    Map<ClaimExperiment, Set<String>> kept = new LinkedHashMap<>();
    experiments.forEach(e -> kept.put(e, new LinkedHashSet<>(e.claimIds())));
    return new Selection(kept, List.of());
  }

  /**
   * Resolves {@code ids} against {@code experiments}.
   *
   * @throws IllegalArgumentException naming the unknown ids and listing the valid ones
   */
  static Selection of(List<String> ids, List<ClaimExperiment> experiments) {
    if (ids == null || ids.isEmpty()) {
      return all(experiments);
    }
    Map<ClaimExperiment, Set<String>> kept = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String raw : ids) {
      String id = raw.trim();
      boolean found = false;
      for (ClaimExperiment experiment : experiments) {
        if (experiment.id().equals(id)) {
          kept.computeIfAbsent(experiment, e -> new LinkedHashSet<>()).addAll(experiment.claimIds());
          found = true;
        } else if (experiment.claimIds().contains(id)) {
          kept.computeIfAbsent(experiment, e -> new LinkedHashSet<>()).add(id);
          found = true;
        }
      }
      if (!found) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("--only: unknown id" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
          + "\n" + validIds(experiments));
    }
    // report order, whatever the order of the ids
    Map<ClaimExperiment, Set<String>> ordered = new LinkedHashMap<>();
    for (ClaimExperiment experiment : experiments) {
      if (kept.containsKey(experiment)) {
        ordered.put(experiment, kept.get(experiment));
      }
    }
    return new Selection(ordered, ids.stream().map(String::trim).distinct().toList());
  }

  /** The valid ids, one experiment a line with its claims. */
  static String validIds(List<ClaimExperiment> experiments) {
    StringBuilder text = new StringBuilder("valid ids (an experiment, then its claims):");
    for (ClaimExperiment experiment : experiments) {
      text.append("\n  ").append(experiment.id()).append(": ").append(String.join(", ", experiment.claimIds()));
    }
    return text.toString();
  }

  /** The experiments to run, in report order. */
  List<ClaimExperiment> experiments() {
    return List.copyOf(kept.keySet());
  }

  /** Whether the run keeps {@code claimId} of {@code experiment}. */
  boolean keeps(ClaimExperiment experiment, String claimId) {
    Set<String> ids = kept.get(experiment);
    return ids != null && ids.contains(claimId);
  }

  /** Whether this is the full report. */
  boolean full() {
    return ids.isEmpty();
  }

  /** The ids asked for, trimmed, without repeats; empty for the full report. */
  List<String> ids() {
    return ids;
  }

  /** The directory name of a partial run: its ids joined by {@code +}, each made safe for a file name. */
  String directoryName() {
    String name = String.join("+", ids).replaceAll("[^A-Za-z0-9.+-]", "_");
    return name.length() <= 120 ? name : name.substring(0, 100) + "+" + Integer.toHexString(name.hashCode());
  }
}
