package dev.trestle.benchmarks.speed;

import dev.trestle.benchmarks.Claim;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The claims of the speed table, from the samples of a run: for each of Trestle's implementations
 * and each claimed thread count, "at least as fast as the best peer", measured as the ratio of its
 * throughput to that of the fastest peer in the same run. Pure: no timing happens here.
 */
final class SpeedTable {

  /** The thread counts every run measures and claims; the long mode adds 4 and 8 for the scaling charts. */
  static final List<Integer> CLAIMED_THREADS = List.of(1, 2);

  private SpeedTable() {}

  /** The claim ids, in report order: {@code speed.<block>[.<subject>].<threads>t}. */
  static List<String> claimIds(List<Block> blocks) {
    List<String> ids = new ArrayList<>();
    for (Block block : blocks) {
      for (Block.Subject subject : block.subjects()) {
        for (int threads : CLAIMED_THREADS) {
          ids.add(id(block, subject, threads));
        }
      }
    }
    return ids;
  }

  static String id(Block block, Block.Subject subject, int threads) {
    return "speed." + subject.key(block) + "." + threads + "t";
  }

  /** The sample of {@code impl} at {@code threads}, if the run has one. */
  static Optional<Sample> find(List<Sample> samples, String block, String impl, int threads) {
    return samples.stream().filter(s -> s.block().equals(block) && s.impl().equals(impl) && s.threads() == threads).findFirst();
  }

  /** The fastest of the block's peers at {@code threads}, if any was measured. */
  static Optional<Sample> bestPeer(Block block, List<Sample> samples, int threads) {
    return block.peers().stream().map(p -> find(samples, block.id(), p, threads)).flatMap(Optional::stream)
        .max(Comparator.comparingDouble(Sample::opsPerUs));
  }

  /** Trestle's throughput over the best peer's at {@code threads}; NaN when either is missing. */
  static double ratio(Block block, Block.Subject subject, List<Sample> samples, int threads) {
    Optional<Sample> own = find(samples, block.id(), subject.impl(), threads);
    Optional<Sample> peer = bestPeer(block, samples, threads);
    return own.isPresent() && peer.isPresent() ? own.get().opsPerUs() / peer.get().opsPerUs() : Double.NaN;
  }

  /**
   * The claim for {@code subject} at {@code threads}: holds when its throughput is at least the best
   * peer's.
   *
   * @param basis how the samples were taken (forks, iterations), for the notes
   * @throws IllegalStateException when the run has no sample of the subject or of any peer
   */
  static Claim claim(Block block, Block.Subject subject, int threads, List<Sample> samples, String chart, String basis) {
    String id = id(block, subject, threads);
    Sample own = find(samples, block.id(), subject.impl(), threads)
        .orElseThrow(() -> new IllegalStateException(id + ": no sample of " + subject.impl() + " at " + threads + " threads"));
    Sample peer = bestPeer(block, samples, threads)
        .orElseThrow(() -> new IllegalStateException(id + ": no sample of any peer " + block.peers() + " at " + threads + " threads"));
    double ratio = own.opsPerUs() / peer.opsPerUs();
    Claim.Builder claim = Claim.builder(id, block.module(), "Trestle's " + subject.name() + " " + subject.verb()
            + " at least as fast as the best peer at " + threads + (threads == 1 ? " thread" : " threads"))
        .measured("throughput, Trestle / best peer (" + peer.impl() + ")", round(ratio), 1.0, "x")
        .holds(ratio >= 1.0)
        .detail("threads", threads)
        .detail(subject.impl() + " ops/us", round(own.opsPerUs()))
        .detail(subject.impl() + " B/op", round(own.bytesPerOp()));
    for (String p : block.peers()) {
      find(samples, block.id(), p, threads).ifPresent(s -> claim.detail(s.impl() + " ops/us", round(s.opsPerUs()))
          .detail(s.impl() + " B/op", round(s.bytesPerOp())));
    }
    for (Sample s : samples) { // the long mode's further thread counts, for the scaling story
      if (s.block().equals(block.id()) && s.impl().equals(subject.impl()) && !CLAIMED_THREADS.contains(s.threads())) {
        claim.detail("ratio at " + s.threads() + " threads", round(ratio(block, subject, samples, s.threads())));
      }
    }
    return claim.chart(chart)
        .notes(String.format(Locale.ROOT, "JMH throughput of `%s` (impl = %s vs %s%s) on one instance shared by %d %s; %s; "
                + "B/op from JMH's gc profiler. These figures hold for this machine and this run only: another machine, "
                + "JDK or background load can order them differently.", block.benchmark(), subject.impl(),
            String.join(", ", block.peers()), block.params().isEmpty() ? "" : ", " + block.params(), threads,
            threads == 1 ? "thread" : "threads", basis))
        .build();
  }

  static double round(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 1000) / 1000.0;
  }
}
