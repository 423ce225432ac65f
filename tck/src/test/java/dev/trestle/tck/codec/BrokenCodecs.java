package dev.trestle.tck.codec;

import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.model.MediaContent;
import dev.trestle.tck.codec.FaultyCodec.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken codec. These classes are not run by the build
 * directly (Surefire skips nested classes); {@link BrokenCodecSelfTest} runs each one's broken rule
 * and requires it to fail.
 */
final class BrokenCodecs {

  private BrokenCodecs() {}

  abstract static class Broken extends CodecTck<MediaContent> {
    private final Fault fault;
    private final boolean xml;

    Broken(Fault fault, boolean xml) {
      this.fault = fault;
      this.xml = xml;
    }

    @Override
    protected Codec<MediaContent> newCodec(CodecLimits limits) {
      return new FaultyCodec(fault, xml, limits);
    }

    @Override
    protected CodecSamples<MediaContent> samples() {
      return ModelSamples.of(Dataset.MEDIA_CONTENT);
    }

    @Override
    protected Set<CodecFeature> features() {
      return EnumSet.allOf(CodecFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyCodec(" + fault + ")";
    }
  }

  static final class ManglesSurrogates extends Broken { ManglesSurrogates() { super(Fault.MANGLES_SURROGATES, false); } }
  static final class ConfusesEmptyWithAbsent extends Broken { ConfusesEmptyWithAbsent() { super(Fault.CONFUSES_EMPTY_WITH_ABSENT, false); } }
  static final class SharesBuffer extends Broken { SharesBuffer() { super(Fault.SHARES_BUFFER, false); } }
  static final class LeaksParserException extends Broken { LeaksParserException() { super(Fault.LEAKS_PARSER_EXCEPTION, false); } }
  static final class FollowsExternalEntities extends Broken { FollowsExternalEntities() { super(Fault.FOLLOWS_EXTERNAL_ENTITIES, true); } }

  /** The faultless JSON codec, to show the faults are the only difference. */
  static final class FaultlessJson extends Broken { FaultlessJson() { super(null, false); } }

  /** The faultless XML codec, to show the faults are the only difference. */
  static final class FaultlessXml extends Broken { FaultlessXml() { super(null, true); } }
}
