package dev.trestle.codec.model;

import java.util.List;

/**
 * One time series: samples taken every {@code stepMillis} from {@code startMillis}. Immutable;
 * {@code name} may be null (absent). Values may be NaN (a gap) or infinite.
 *
 * @param name the metric's name
 * @param labels its labels, never null
 * @param startMillis time of the first sample, epoch milliseconds
 * @param stepMillis time between samples
 * @param values the sampled values, never null
 * @param counts the number of observations behind each value, never null
 */
public record Series(String name, List<Label> labels, long startMillis, long stepMillis, List<Double> values,
    List<Long> counts) {
  public Series {
    labels = Lists.copy(labels, "labels");
    values = Lists.copy(values, "values");
    counts = Lists.copy(counts, "counts");
  }
}
