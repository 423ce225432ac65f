package dev.trestle.tck.codec;

import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
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

  /** Trestle's codec with one flaw of issue 16 planted in front of its decoder (rules CODEC-8.x). */
  abstract static class Planted extends CodecTck<MediaContent> {
    private final PlantedFlawCodec.Flaw flaw;
    private final Format format;

    Planted(PlantedFlawCodec.Flaw flaw, Format format) {
      this.flaw = flaw;
      this.format = format;
    }

    @Override
    protected Codec<MediaContent> newCodec(CodecLimits limits) {
      return new PlantedFlawCodec(flaw, format, limits);
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
      return "FaultyCodec(" + (flaw == null ? "none, " + format.codecName() : flaw) + ")";
    }
  }

  static final class QuadraticNumbers extends Planted { QuadraticNumbers() { super(PlantedFlawCodec.Flaw.QUADRATIC_NUMBERS, Format.JSON); } }
  static final class IgnoresRoot extends Planted { IgnoresRoot() { super(PlantedFlawCodec.Flaw.IGNORES_ROOT, Format.XML); } }
  static final class LenientSyntax extends Planted { LenientSyntax() { super(PlantedFlawCodec.Flaw.LENIENT_SYNTAX, Format.JSON); } }
  static final class PassesIllFormedText extends Planted { PassesIllFormedText() { super(PlantedFlawCodec.Flaw.PASSES_ILL_FORMED_TEXT, Format.JSON); } }
  static final class WritesCesu8 extends Planted { WritesCesu8() { super(PlantedFlawCodec.Flaw.WRITES_CESU8, Format.JSON); } }
  static final class TrustsAvailable extends Planted { TrustsAvailable() { super(PlantedFlawCodec.Flaw.TRUSTS_AVAILABLE, Format.JSON); } }
  static final class DecodesChunks extends Planted { DecodesChunks() { super(PlantedFlawCodec.Flaw.DECODES_CHUNKS, Format.XML); } }
  static final class LenientStream extends Planted { LenientStream() { super(PlantedFlawCodec.Flaw.LENIENT_STREAM, Format.JSON); } }
  static final class DropsZeroPadding extends Planted { DropsZeroPadding() { super(PlantedFlawCodec.Flaw.DROPS_ZERO_PADDING, Format.PROTOBUF); } }
  /** Trestle's protobuf codec without a planted flaw. */
  static final class UnplantedProtobuf extends Planted { UnplantedProtobuf() { super(null, Format.PROTOBUF); } }
  /** Trestle's JSON codec without a planted flaw. */
  static final class UnplantedJson extends Planted { UnplantedJson() { super(null, Format.JSON); } }
  /** Trestle's XML codec without a planted flaw. */
  static final class UnplantedXml extends Planted { UnplantedXml() { super(null, Format.XML); } }

  /** The faultless JSON codec, to show the faults are the only difference. */
  static final class FaultlessJson extends Broken { FaultlessJson() { super(null, false); } }

  /** The faultless XML codec, to show the faults are the only difference. */
  static final class FaultlessXml extends Broken { FaultlessXml() { super(null, true); } }
}
