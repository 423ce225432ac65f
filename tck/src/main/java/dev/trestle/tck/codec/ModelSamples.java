package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.model.ChatEvent;
import dev.trestle.codec.model.EventLog;
import dev.trestle.codec.model.Image;
import dev.trestle.codec.model.Label;
import dev.trestle.codec.model.LineItem;
import dev.trestle.codec.model.Media;
import dev.trestle.codec.model.MediaContent;
import dev.trestle.codec.model.MetricsBatch;
import dev.trestle.codec.model.Order;
import dev.trestle.codec.model.Series;
import java.util.List;
import java.util.Objects;

/** The {@link CodecSamples} of Trestle's four datasets, for codecs of the codec module's model. */
public final class ModelSamples {

  private ModelSamples() {}

  private static final double[] DOUBLES = {
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 0.0, -0.0,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1e-300, 123456789.123456789};
  private static final long[] LONGS = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 53, (1L << 53) + 1};
  private static final int[] INTS = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1};

  /** Returns the samples of {@code dataset}. */
  @SuppressWarnings("unchecked")
  public static <T> CodecSamples<T> of(Dataset<T> dataset) {
    Objects.requireNonNull(dataset, "dataset");
    if (dataset == Dataset.MEDIA_CONTENT) {
      return (CodecSamples<T>) new Samples<MediaContent>(Dataset.MEDIA_CONTENT) {
        @Override public List<MediaContent> emptyAndAbsent() {
          return List.of(new MediaContent(null, List.of()),
              new MediaContent(media("", "", List.of(), null), List.of(new Image("", "", 0, 0, null))),
              new MediaContent(media(null, null, List.of(""), null), List.of(new Image(null, null, 0, 0, null))),
              new MediaContent(media("", null, List.of("", ""), ""), List.of()));
        }

        @Override public MediaContent withText(String text) {
          return new MediaContent(media(text, "title", List.of("person"), null), List.of());
        }

        @Override public List<MediaContent> extremeNumbers() {
          return List.of(
              new MediaContent(new Media("u", null, Integer.MIN_VALUE, Integer.MAX_VALUE, null, Long.MIN_VALUE, Long.MAX_VALUE,
                  -1, true, List.of(), Media.Player.FLASH, null), List.of(new Image("i", null, Integer.MAX_VALUE, Integer.MIN_VALUE, Image.Size.SMALL))),
              new MediaContent(new Media("u", null, 0, -1, null, (1L << 53) + 1, -1, Integer.MAX_VALUE, false, List.of(), null, null), List.of()));
        }

        private Media media(String uri, String title, List<String> persons, String copyright) {
          return new Media(uri, title, 640, 480, "video/mpg4", 18_000_000L, 58_982_400L, 262_144, true, persons,
              Media.Player.JAVA, copyright);
        }
      };
    }
    if (dataset == Dataset.ORDER) {
      return (CodecSamples<T>) new Samples<Order>(Dataset.ORDER) {
        @Override public List<Order> emptyAndAbsent() {
          return List.of(new Order(1, 2, 3, null, List.of(), 0, null), new Order(1, 2, 3, "", List.of(), 0, ""),
              new Order(1, 2, 3, "EUR", List.of(new LineItem(0, 0, 0, 0, 0)), 0, null));
        }

        @Override public Order withText(String text) {
          return new Order(1, 2, 3, "EUR", List.of(new LineItem(7, 1, 100, 0, 0.5)), 100, text);
        }

        @Override public List<Order> extremeNumbers() {
          List<LineItem> items = new java.util.ArrayList<>();
          for (int i = 0; i < DOUBLES.length; i++) {
            items.add(new LineItem(LONGS[i % LONGS.length], INTS[i % INTS.length], LONGS[(i + 1) % LONGS.length],
                INTS[(i + 1) % INTS.length], DOUBLES[i]));
          }
          return List.of(new Order(Long.MIN_VALUE, Long.MAX_VALUE, -1, "EUR", items, Long.MIN_VALUE, null),
              new Order(0, 0, 0, null, List.of(), 0, null));
        }
      };
    }
    if (dataset == Dataset.EVENT_LOG) {
      return (CodecSamples<T>) new Samples<EventLog>(Dataset.EVENT_LOG) {
        @Override public List<EventLog> emptyAndAbsent() {
          return List.of(new EventLog(null, List.of()), new EventLog("", List.of()),
              new EventLog("#c", List.of(new ChatEvent(null, 0, null, null, null, null, List.of()),
                  new ChatEvent("", 0, "", ChatEvent.Kind.MESSAGE, "", "", List.of("")))));
        }

        @Override public EventLog withText(String text) {
          return new EventLog("#c", List.of(new ChatEvent("id", 1, "alice", ChatEvent.Kind.MESSAGE, text, null, List.of("t"))));
        }

        @Override public List<EventLog> extremeNumbers() {
          return List.of(new EventLog("#c", List.of(new ChatEvent("a", Long.MIN_VALUE, "x", ChatEvent.Kind.JOIN, null, null, List.of()),
              new ChatEvent("b", Long.MAX_VALUE, "y", ChatEvent.Kind.REACTION, null, null, List.of()))));
        }
      };
    }
    if (dataset == Dataset.METRICS) {
      return (CodecSamples<T>) new Samples<MetricsBatch>(Dataset.METRICS) {
        @Override public List<MetricsBatch> emptyAndAbsent() {
          return List.of(new MetricsBatch(null, List.of()), new MetricsBatch("", List.of()),
              new MetricsBatch("h", List.of(new Series(null, List.of(), 0, 0, List.of(), List.of()),
                  new Series("", List.of(new Label(null, "")), 0, 0, List.of(), List.of()),
                  new Series("n", List.of(new Label("", null)), 0, 0, List.of(), List.of()))));
        }

        @Override public MetricsBatch withText(String text) {
          return new MetricsBatch("h", List.of(new Series(text, List.of(new Label("k", "v")), 0, 15_000, List.of(1.5), List.of(2L))));
        }

        @Override public List<MetricsBatch> extremeNumbers() {
          List<Double> values = new java.util.ArrayList<>();
          for (double d : DOUBLES) {
            values.add(d);
          }
          List<Long> counts = new java.util.ArrayList<>();
          for (long l : LONGS) {
            counts.add(l);
          }
          return List.of(new MetricsBatch("h", List.of(new Series("s", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, values, counts))));
        }
      };
    }
    throw new IllegalArgumentException("dataset must be one of " + Dataset.all() + " but was " + dataset);
  }

  private abstract static class Samples<T> implements CodecSamples<T> {
    private final Dataset<T> dataset;

    Samples(Dataset<T> dataset) {
      this.dataset = dataset;
    }

    @Override
    public List<T> generated(long seed, int count) {
      return dataset.generate(seed, count);
    }

    @Override
    public String toString() {
      return dataset.name();
    }
  }
}
