package dev.trestle.cache;

import java.util.function.Predicate;

/**
 * The adaptive policy: window TinyLFU with a hill-climbed window (Einziger, Friedman and Manes,
 * "TinyLFU", ACM ToS 2017; Einziger, Eytan, Friedman and Manes, Middleware 2018), as Caffeine
 * does it.
 *
 * <p>Every new entry enters a small LRU <em>window</em> (1% of the maximum at first). What
 * overflows the window becomes a <em>candidate</em> at the recent end of the <em>probation</em>
 * queue of the segmented LRU main area; when the cache is over its bound the candidate meets
 * probation's least recent entry (the victim) and the {@link FrequencySketch} keeps whichever key
 * it has seen more often. A probation entry that is used again moves to the <em>protected</em>
 * queue (80% of the main area), whose overflow goes back to probation. So a newcomer always gets
 * a window's worth of time to prove itself, and the main area keeps the frequent keys.
 *
 * <p>A {@link HillClimber} moves the boundary between window and main area to where the hit rate
 * is best: a larger window for recency-biased workloads, a smaller one for frequency-biased ones.
 * Its steps are small, so on a short or suddenly recency-heavy workload it lags; a sampled
 * {@link ShadowLru} duels with the policy, and when plain LRU beats it over a sample the whole
 * cache becomes the window (a plain LRU) at once; if the next sample's hit rate is lower than before the jump,
 * the window goes back to where it was and does not jump again for 8 samples.
 *
 * <p>Against hash flooding: the sketch hashes with a per-cache random seed, and a candidate that
 * would lose although it is warm (frequency 6 or more) is still admitted once in 128 times at
 * random, so an attacker who inflates a victim's counters cannot pin it.
 *
 * <p>Not thread-safe: used under the eviction lock.
 */
final class WindowTinyLfuOrder<K, V> implements EvictionOrder<K, V> {

  static final double INITIAL_WINDOW = 0.01;
  static final double PROTECTED_SHARE = 0.80;
  /** Below this sketch frequency a losing candidate is never admitted at random. */
  static final int WARM_FREQUENCY = 6;
  /** The least number of sampled requests for the duel with the shadow LRU to decide. */
  static final int MIN_DUEL = 64;
  /**
   * By how much (a fraction of the sampled requests) the shadow LRU must win for the window to
   * jump; it must also win by 3 standard deviations of the paired difference (the square root of
   * the requests only one of the two hit), so a noisy sample of a small cache does not make it jump.
   */
  static final double DUEL_MARGIN = 0.01;
  /** Samples during which the window does not jump again after a jump that lowered the hit rate. */
  static final int COOLDOWN = 8;

  private final long maximum;
  private final FrequencySketch sketch;
  private final HillClimber climber;
  private final AccessQueue<K, V> window = new AccessQueue<>();
  private final AccessQueue<K, V> probation = new AccessQueue<>();
  private final AccessQueue<K, V> protectedQueue = new AccessQueue<>();
  private long windowMaximum;
  private long protectedMaximum;
  private long entries;
  /** The oldest entry moved from the window to probation by the latest add and not yet judged; null if none. */
  private Node<K, V> candidate;
  private long random;
  private final ShadowLru shadow;
  /** Over the current climber sample: sampled requests, the policy's hits and the shadow LRU's hits among them. */
  private long duelRequests;
  /** The window's maximum before a jump, while the sample after it is judged; -1 otherwise. */
  private long jumpedFrom = -1;
  private long protectedBeforeJump;
  private double hitRateBeforeJump;
  /** Samples to wait before the duel may make the window jump again (after a jump that did not pay). */
  private int cooldown;
  private long duelHits;
  private long shadowHits;
  /** Sampled requests where exactly one of the two hit: the noise of the duel. */
  private long discordant;

  WindowTinyLfuOrder(long maximum, int seed) {
    this.maximum = maximum;
    this.sketch = new FrequencySketch(maximum, seed);
    this.climber = new HillClimber(maximum);
    this.windowMaximum = (long) (maximum * INITIAL_WINDOW);
    this.protectedMaximum = (long) ((maximum - windowMaximum) * PROTECTED_SHARE);
    this.random = seed | 1L;
    this.shadow = new ShadowLru(maximum, Integer.rotateLeft(seed, 16));
  }

  /** Feeds the shadow LRU and, while the climber samples, counts the duel between it and this policy. */
  private void duel(Object key, boolean hit, boolean sampling) {
    int hash = shadow.sampled(key);
    if (hash == 0) {
      return;
    }
    boolean shadowHit = shadow.access(hash);
    if (sampling) {
      duelRequests++;
      if (hit) {
        duelHits++;
      }
      if (shadowHit) {
        shadowHits++;
      }
      if (hit != shadowHit) {
        discordant++;
      }
    }
  }

  @Override
  public boolean contains(Node<K, V> node) {
    return node.list != null;
  }

  @Override
  public void add(Node<K, V> node) {
    sketch.ensureCapacity(++entries);
    sketch.increment(node.key);
    boolean sampling = sampling();
    if (sampling) {
      climber.miss();
    }
    duel(node.key, false, sampling);
    window.addLast(node);
    candidate = null;
    Node<K, V> moved;
    while (window.weight > windowMaximum && (moved = window.first()) != null) {
      window.remove(moved);
      probation.addLast(moved);
      if (candidate == null) {
        candidate = moved;
      }
    }
    climb();
  }

  @Override
  public void touch(Node<K, V> node) {
    sketch.increment(node.key);
    boolean sampling = sampling();
    if (sampling) {
      climber.hit();
    }
    duel(node.key, true, sampling);
    candidate = null;
    if (window.holds(node)) {
      window.moveToLast(node);
    } else if (probation.holds(node)) {
      probation.remove(node);
      protectedQueue.addLast(node);
      demoteFromProtected();
    } else {
      protectedQueue.moveToLast(node);
    }
    climb();
  }

  /**
   * Skipped reads count in the sketch, and a probation entry that was read moves to protected, as
   * a recorded read would have moved it. Their order is lost, so nothing else moves, and they count
   * neither as the climber's hits nor in the duel with the shadow LRU (replayed at once, in the
   * map's order, they would look like a burst of hits that LRU misses, and make the window jump:
   * address-gzip at 5% lost 5 points that way).
   */
  @Override
  public void replayReads(Node<K, V> node, int reads) {
    for (int i = 0; i < reads; i++) {
      sketch.increment(node.key);
    }
    if (probation.holds(node)) {
      candidate = null;
      probation.remove(node);
      protectedQueue.addLast(node);
      demoteFromProtected();
    }
  }

  @Override
  public void remove(Node<K, V> node) {
    if (node == candidate) {
      candidate = probation.after(node);
    }
    entries--;
    queueOf(node).remove(node);
  }

  @Override
  public void reweighed(Node<K, V> node, int oldWeight) {
    queueOf(node).weight += node.policyWeight() - oldWeight;
    candidate = null;
  }

  @Override
  public Node<K, V> victim(Node<K, V> newcomer) {
    Node<K, V> victim = probation.first();
    Node<K, V> challenger = candidate;
    if (challenger == null) {
      if (victim != null) {
        return victim;
      }
      victim = protectedQueue.first();
      return victim != null ? victim : window.first();
    }
    if (victim == challenger) {
      return victim; // remove() moves the candidate on
    }
    if (admit(challenger, victim)) {
      candidate = probation.after(challenger);
      return victim;
    }
    return challenger;
  }

  /** Returns whether the candidate should replace the victim: the more frequent key wins, with a little randomness for warm candidates. */
  private boolean admit(Node<K, V> challenger, Node<K, V> victim) {
    int candidateFrequency = sketch.frequency(challenger.key);
    int victimFrequency = sketch.frequency(victim.key);
    if (candidateFrequency > victimFrequency) {
      return true;
    }
    if (candidateFrequency < WARM_FREQUENCY) {
      return false;
    }
    random ^= random << 13;
    random ^= random >>> 7;
    random ^= random << 17;
    return (random & 127) == 0;
  }

  private AccessQueue<K, V> queueOf(Node<K, V> node) {
    return window.holds(node) ? window : probation.holds(node) ? probation : protectedQueue;
  }

  /** The climber samples once the cache is half full: before that every policy hits the same. */
  private boolean sampling() {
    long weight = window.weight + probation.weight + protectedQueue.weight;
    return weight >= maximum - weight;
  }

  private void demoteFromProtected() {
    Node<K, V> demoted;
    while (protectedQueue.weight > protectedMaximum && (demoted = protectedQueue.first()) != null) {
      protectedQueue.remove(demoted);
      probation.addLast(demoted);
    }
  }

  /**
   * At the end of each climber sample: if the shadow LRU beat this policy on the sampled keys by
   * more than a point, recency is winning faster than the climber's steps follow, so the window
   * jumps to its largest size at once; otherwise the climber's step applies.
   */
  private void climb() {
    if (!climber.sampleComplete(sketch.sampleSize())) {
      return;
    }
    long lead = shadowHits - duelHits;
    boolean lruWins = duelRequests >= MIN_DUEL && lead > DUEL_MARGIN * duelRequests && lead > 3 * Math.sqrt(discordant);
    discordant = 0;
    duelRequests = 0;
    duelHits = 0;
    shadowHits = 0;
    long adjustment = climber.adjustment(sketch.sampleSize());
    double hitRate = climber.lastHitRate();
    if (jumpedFrom >= 0) {
      if (hitRate < hitRateBeforeJump) { // the jump did not pay: back to where the climber was
        shrinkWindow(windowMaximum - jumpedFrom);
        protectedMaximum = protectedBeforeJump;
        cooldown = COOLDOWN;
      }
      jumpedFrom = -1;
      return;
    }
    if (cooldown > 0) {
      cooldown--;
    } else if (lruWins && windowMaximum < maximum) {
      jumpedFrom = windowMaximum;
      protectedBeforeJump = protectedMaximum;
      hitRateBeforeJump = hitRate;
      jumpToLru();
      return;
    }
    if (adjustment > 0) {
      growWindow(Math.min(adjustment, protectedMaximum));
    } else if (adjustment < 0) {
      shrinkWindow(Math.min(-adjustment, windowMaximum));
    }
  }

  /** Moves {@code quota} of capacity from the main area to the window, with the main area's least recent entries. */
  private void growWindow(long quota) {
    protectedMaximum -= quota;
    windowMaximum += quota;
    demoteFromProtected();
    long moved = 0;
    while (moved < quota) {
      Node<K, V> node = probation.first();
      if (node == null) {
        break;
      }
      moved += node.policyWeight();
      probation.remove(node);
      window.addLast(node);
    }
    candidate = null;
  }

  /** Makes the whole cache the window, a plain LRU: the main area's entries go to its cold end, probation's coldest first. */
  private void jumpToLru() {
    windowMaximum = maximum;
    protectedMaximum = 0;
    Node<K, V> node;
    while ((node = protectedQueue.last()) != null) {
      protectedQueue.remove(node);
      window.addFirst(node);
    }
    while ((node = probation.last()) != null) {
      probation.remove(node);
      window.addFirst(node);
    }
    candidate = null;
  }

  /** Moves {@code quota} of capacity from the window to the main area, with the window's least recent entries. */
  private void shrinkWindow(long quota) {
    protectedMaximum += quota;
    windowMaximum -= quota;
    Node<K, V> node;
    while (window.weight > windowMaximum && (node = window.first()) != null) {
      window.remove(node);
      probation.addLast(node);
    }
    candidate = null;
  }

  /** Returns the window's current maximum weight (for tests and the simulator). */
  long windowMaximum() {
    return windowMaximum;
  }

  @Override
  public void coldestFirst(Predicate<Node<K, V>> visitor) {
    if (visit(probation, visitor, true) && visit(window, visitor, true)) {
      visit(protectedQueue, visitor, true);
    }
  }

  @Override
  public void hottestFirst(Predicate<Node<K, V>> visitor) {
    if (visit(protectedQueue, visitor, false) && visit(window, visitor, false)) {
      visit(probation, visitor, false);
    }
  }

  private static <K, V> boolean visit(AccessQueue<K, V> queue, Predicate<Node<K, V>> visitor, boolean oldestFirst) {
    for (Node<K, V> node = oldestFirst ? queue.first() : queue.last(); node != null;
        node = oldestFirst ? queue.after(node) : queue.before(node)) {
      if (!visitor.test(node)) {
        return false;
      }
    }
    return true;
  }
}
