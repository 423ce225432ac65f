package dev.trestle.codec;

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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Realistic, seeded samples of each dataset: the same seed always gives the same values. */
final class SampleGenerator {

  private SampleGenerator() {}

  private static final String[] WORDS = {
      "keynote", "release", "server", "latency", "deploy", "cache", "queue", "budget", "review", "kernel",
      "summit", "demo", "roadmap", "tuning", "garbage", "collector", "virtual", "thread", "record", "pattern",
      "stream", "cluster", "replica", "shard", "index", "vector", "schema", "gateway", "token", "window"};
  private static final String[] NAMES = {
      "Bill Gates", "Steve Jobs", "Ada Lovelace", "Grace Hopper", "Linus Torvalds", "Barbara Liskov",
      "James Gosling", "Guido van Rossum", "Margaret Hamilton", "Ken Thompson", "Zoë Ångström", "José Núñez"};
  private static final String[] USERS = {
      "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj"};
  // Some text is not ASCII, as in real chat: accents, CJK, and emoji outside the BMP (surrogate pairs).
  private static final String[] PHRASES = {
      "ship it", "looks good to me", "can you take a look at the flaky test", "deploy is green",
      "rolling back, p99 doubled", "café au lait ☕", "naïve résumé", "日本語のテキスト", "👍", "🚀 released",
      "merge after the review", "who owns the on-call pager this week?", "thanks!", "LGTM 🎉"};
  private static final String[] TAGS = {"ops", "release", "incident", "question", "fyi", "perf", "db"};
  private static final String[] FORMATS = {"video/mpg4", "video/webm", "video/quicktime", "audio/mpeg"};
  private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "CHF", "SEK"};
  private static final String[] METRICS = {
      "http_server_requests_seconds", "jvm_memory_used_bytes", "process_cpu_usage", "db_pool_active_connections",
      "cache_gets_total", "kafka_consumer_lag"};
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};
  private static final int[][] RESOLUTIONS = {{640, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {320, 240}};
  private static final long EPOCH_2026 = 1_767_225_600_000L;

  /** The standard object of the jvm-serializers benchmark ("media.1"), for figures beside published ones. */
  static MediaContent jvmSerializersMediaContent() {
    Media media = new Media("http://javaone.com/keynote.mpg", "Javaone Keynote", 640, 480, "video/mpg4",
        18_000_000L, 58_982_400L, 262_144, true, List.of("Bill Gates", "Steve Jobs"), Media.Player.JAVA, null);
    return new MediaContent(media, List.of(
        new Image("http://javaone.com/keynote_large.jpg", "Javaone Keynote", 1024, 768, Image.Size.LARGE),
        new Image("http://javaone.com/keynote_small.jpg", "Javaone Keynote", 320, 240, Image.Size.SMALL)));
  }

  private static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String title(SplittableRandom r, int words) {
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String word = pick(r, WORDS);
      title.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
    }
    return title.toString();
  }

  static MediaContent mediaContent(SplittableRandom r) {
    String slug = pick(r, WORDS) + "-" + r.nextInt(10_000);
    String host = "media" + r.nextInt(1, 20) + ".example.com";
    int[] resolution = RESOLUTIONS[r.nextInt(RESOLUTIONS.length)];
    List<String> persons = new ArrayList<>();
    for (int i = r.nextInt(1, 5); i > 0; i--) {
      persons.add(pick(r, NAMES));
    }
    boolean hasBitrate = r.nextInt(4) != 0;
    long duration = r.nextLong(30_000L, 7_200_000L);
    Media media = new Media("http://" + host + "/" + slug + ".mp4", title(r, r.nextInt(1, 5)), resolution[0],
        resolution[1], pick(r, FORMATS), duration, duration * r.nextInt(50, 800), hasBitrate ? r.nextInt(64, 20_000) * 1024 : 0,
        hasBitrate, persons, r.nextInt(5) == 0 ? Media.Player.FLASH : Media.Player.JAVA,
        r.nextInt(3) == 0 ? "© " + r.nextInt(1990, 2027) + " " + pick(r, NAMES) : null);
    List<Image> images = new ArrayList<>();
    for (int i = r.nextInt(1, 5); i > 0; i--) {
      boolean large = r.nextBoolean();
      int[] size = large ? RESOLUTIONS[r.nextInt(1, 4)] : RESOLUTIONS[4];
      images.add(new Image("http://" + host + "/" + slug + (large ? "_large" : "_small") + i + ".jpg",
          r.nextInt(4) == 0 ? null : media.title(), size[0], size[1], large ? Image.Size.LARGE : Image.Size.SMALL));
    }
    return new MediaContent(media, images);
  }

  static Order order(SplittableRandom r) {
    List<LineItem> items = new ArrayList<>();
    long total = 0;
    for (int i = r.nextInt(1, 21); i > 0; i--) {
      int quantity = r.nextInt(4) == 0 ? r.nextInt(2, 12) : 1;
      long price = r.nextLong(99, 250_000);
      int discount = r.nextInt(3) == 0 ? 500 * r.nextInt(1, 6) : 0;
      items.add(new LineItem(r.nextLong(1_000_000_000L, 9_999_999_999L), quantity, price, discount,
          r.nextInt(1, 25_000) / 1000.0));
      total += quantity * price * (10_000 - discount) / 10_000;
    }
    return new Order(r.nextLong(1L << 32, 1L << 48), r.nextLong(1, 50_000_000), EPOCH_2026 + r.nextLong(0, 31_536_000_000L),
        pick(r, CURRENCIES), items, total, r.nextInt(8) == 0 ? "leave at the " + pick(r, WORDS) + " desk" : null);
  }

  private static String uuid(SplittableRandom r) {
    return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
  }

  static EventLog eventLog(SplittableRandom r) {
    List<ChatEvent> events = new ArrayList<>();
    long time = EPOCH_2026 + r.nextLong(0, 31_536_000_000L);
    for (int i = r.nextInt(10, 41); i > 0; i--) {
      time += r.nextLong(200, 120_000);
      int k = r.nextInt(20);
      ChatEvent.Kind kind = k < 16 ? ChatEvent.Kind.MESSAGE : k < 17 ? ChatEvent.Kind.JOIN : k < 18 ? ChatEvent.Kind.LEAVE
          : ChatEvent.Kind.REACTION;
      String text = null;
      if (kind == ChatEvent.Kind.MESSAGE) {
        StringBuilder message = new StringBuilder(pick(r, PHRASES));
        for (int extra = r.nextInt(3); extra > 0; extra--) {
          message.append(' ').append(r.nextBoolean() ? pick(r, PHRASES) : title(r, r.nextInt(2, 8)).toLowerCase(java.util.Locale.ROOT));
        }
        text = message.toString();
      } else if (kind == ChatEvent.Kind.REACTION) {
        text = r.nextBoolean() ? "👍" : "🎉";
      }
      String replyTo = !events.isEmpty() && r.nextInt(4) == 0 ? events.get(r.nextInt(events.size())).id() : null;
      List<String> tags = new ArrayList<>();
      for (int t = r.nextInt(4) == 0 ? r.nextInt(1, 4) : 0; t > 0; t--) {
        tags.add(pick(r, TAGS));
      }
      events.add(new ChatEvent(uuid(r), time, pick(r, USERS), kind, text, replyTo, tags));
    }
    return new EventLog("#" + pick(r, WORDS) + "-" + pick(r, WORDS), events);
  }

  static MetricsBatch metrics(SplittableRandom r) {
    List<Series> series = new ArrayList<>();
    long start = EPOCH_2026 + r.nextLong(0, 31_536_000_000L) / 15_000 * 15_000;
    for (int s = r.nextInt(5, 21); s > 0; s--) {
      List<Label> labels = List.of(new Label("method", pick(r, METHODS)), new Label("status", String.valueOf(200 + 100 * r.nextInt(4))),
          new Label("region", pick(r, REGIONS)));
      List<Double> values = new ArrayList<>();
      List<Long> counts = new ArrayList<>();
      double level = r.nextDouble() * 100;
      long count = r.nextLong(0, 1_000_000);
      for (int i = 0; i < 60; i++) {
        level = Math.max(0, level + r.nextGaussian() * level * 0.05); // a random walk: full-precision doubles
        values.add(level);
        count += r.nextLong(0, 500);
        counts.add(count);
      }
      series.add(new Series(pick(r, METRICS), labels, start, 15_000, values, counts));
    }
    return new MetricsBatch("host-" + r.nextInt(1, 100) + "." + pick(r, REGIONS), series);
  }
}
