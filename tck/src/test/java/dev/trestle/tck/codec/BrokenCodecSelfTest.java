package dev.trestle.tck.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each CODEC rule named here can fail: every broken codec is caught by the rule it breaks. */
class BrokenCodecSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenCodecFailsTheRuleItBreaks() {
    return Stream.of(
        caught(BrokenCodecs.ConfusesEmptyWithAbsent.class, "CODEC-1.2"),
        caught(BrokenCodecs.ManglesSurrogates.class, "CODEC-1.3"),
        caught(BrokenCodecs.SharesBuffer.class, "CODEC-3.1"),
        caught(BrokenCodecs.LeaksParserException.class, "CODEC-4.1"),
        caught(BrokenCodecs.LeaksParserException.class, "CODEC-4.2"),
        caught(BrokenCodecs.LeaksParserException.class, "CODEC-4.3"),
        caught(BrokenCodecs.FollowsExternalEntities.class, "CODEC-5.1"),
        caught(BrokenCodecs.QuadraticNumbers.class, "CODEC-8.1"),
        caught(BrokenCodecs.IgnoresRoot.class, "CODEC-8.2"),
        caught(BrokenCodecs.LenientSyntax.class, "CODEC-8.3"),
        caught(BrokenCodecs.PassesIllFormedText.class, "CODEC-8.4"),
        caught(BrokenCodecs.WritesCesu8.class, "CODEC-9.1"),
        caught(BrokenCodecs.TrustsAvailable.class, "CODEC-9.2"),
        caught(BrokenCodecs.DecodesChunks.class, "CODEC-9.2"),
        caught(BrokenCodecs.LenientStream.class, "CODEC-9.3"),
        caught(BrokenCodecs.DropsZeroPadding.class, "CODEC-9.4"));
  }

  @TestFactory
  Stream<DynamicTest> theSameCodecsWithoutTheirFaultsPassThoseRules() {
    Stream<DynamicTest> json = Stream.of("CODEC-1.2", "CODEC-1.3", "CODEC-3.1", "CODEC-4.1", "CODEC-4.2", "CODEC-4.3")
        .map(rule -> passes(BrokenCodecs.FaultlessJson.class, rule));
    // The XML variant is the base of FOLLOWS_EXTERNAL_ENTITIES only: it is checked on the entity rules.
    Stream<DynamicTest> xml = Stream.of("CODEC-5.1", "CODEC-5.2").map(rule -> passes(BrokenCodecs.FaultlessXml.class, rule));
    // The planted flaws sit in front of Trestle's own codecs, which pass the CODEC-8 rules unplanted.
    Stream<DynamicTest> planted = Stream.concat(
        Stream.of("CODEC-8.1", "CODEC-8.3", "CODEC-8.4").map(rule -> passes(BrokenCodecs.UnplantedJson.class, rule)),
        Stream.of(passes(BrokenCodecs.UnplantedXml.class, "CODEC-8.2")));
    Stream<DynamicTest> output = Stream.of("CODEC-9.1", "CODEC-9.2", "CODEC-9.3", "CODEC-9.4").flatMap(rule -> Stream.of(
        passes(BrokenCodecs.UnplantedJson.class, rule), passes(BrokenCodecs.UnplantedXml.class, rule),
        passes(BrokenCodecs.UnplantedProtobuf.class, rule)));
    planted = Stream.concat(planted, output);
    return Stream.concat(Stream.concat(json, xml), planted);
  }

  private static DynamicTest passes(Class<?> kit, String rule) {
    return DynamicTest.dynamicTest(kit.getSimpleName() + " passes " + rule, () -> {
      RuleRun run = KitSelfTest.run(kit, rule);
      assertFalse(run.failed || run.skipped, run.toString());
    });
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyCodec("), run.message);
    });
  }
}
