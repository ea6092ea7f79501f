package dev.mamba2j.model.config;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four example configs in test resources, read field by field. */
class ModelConfigTest {

    static Path resource(String dir) {
        try {
            return Path.of(ModelConfigTest.class.getResource("/config/" + dir + "/config.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void huggingFaceMamba2_130m() {
        ModelConfig c = ModelConfig.read(resource("hf-mamba2-130m"));
        assertEquals(ModelConfig.Format.HUGGING_FACE, c.format());
        assertEquals(768, c.hiddenSize());
        assertEquals(24, c.numLayers());
        assertEquals(50288, c.vocabSize());
        assertEquals(50288, c.paddedVocab());
        assertTrue(c.tieEmbeddings());
        assertTrue(c.rmsNorm());
        assertTrue(c.residualInFp32());
        assertEquals(1e-5, c.normEps());
        assertEquals(OptionalInt.of(0), c.bosTokenId());
        assertEquals(OptionalInt.of(0), c.eosTokenId());
        assertEquals(OptionalInt.of(0), c.padTokenId());
        assertTrue(c.isPureMamba2());
        assertTrue(c.attention().isEmpty());

        SsmConfig s = c.ssm();
        assertEquals(128, s.stateSize());
        assertEquals(24, s.numHeads());
        assertEquals(64, s.headDim());
        assertEquals(1, s.nGroups());
        assertEquals(1536, s.intermediate());
        assertEquals(4, s.convKernel());
        assertEquals(256, s.chunkSize());
        assertEquals(1536 + 2 * 128, s.convDim());
        assertEquals(2 * 1536 + 2 * 128 + 24, s.inProjSize());
        assertFalse(s.projBias());
        assertTrue(s.convBias());
        assertTrue(s.gatedNorm());
        assertFalse(s.dHasHeadDim());
        assertEquals(1e-5, s.gatedNormEps());
        assertEquals(0.0, s.dtMin());
        assertEquals(Double.POSITIVE_INFINITY, s.dtMax());
    }

    @Test
    void huggingFaceCodestralWithFloatObject() {
        ModelConfig c = ModelConfig.read(resource("hf-codestral"));
        assertEquals(4096, c.hiddenSize());
        assertEquals(64, c.numLayers());
        assertFalse(c.tieEmbeddings());
        assertEquals(8, c.ssm().nGroups());
        assertEquals(16, c.ssm().headsPerGroup());
        assertEquals(2 * 8192 + 2 * 8 * 128 + 128, c.ssm().inProjSize());
        assertEquals(Double.POSITIVE_INFINITY, c.ssm().dtMax());
        assertEquals(OptionalInt.of(1), c.bosTokenId());
        assertEquals(OptionalInt.of(2), c.eosTokenId());
    }

    @Test
    void stateSpacesMamba2_130m() {
        ModelConfig c = ModelConfig.read(resource("ss-mamba2-130m"));
        assertEquals(ModelConfig.Format.STATE_SPACES, c.format());
        assertEquals(768, c.hiddenSize());
        assertEquals(24, c.numLayers());
        assertEquals(50277, c.vocabSize());
        assertEquals(50288, c.paddedVocab()); // rounded up to a multiple of 16
        assertTrue(c.tieEmbeddings());
        assertTrue(c.isPureMamba2());
        assertEquals(0, c.mlpHidden());
        assertTrue(c.bosTokenId().isEmpty());
        SsmConfig s = c.ssm();
        assertEquals(128, s.stateSize());
        assertEquals(24, s.numHeads());
        assertEquals(64, s.headDim());
        assertEquals(1, s.nGroups());
        assertEquals(1536, s.intermediate());
        assertEquals(4, s.convKernel());
        assertEquals(256, s.chunkSize());
        assertTrue(s.gatedNorm());
        assertEquals(Double.POSITIVE_INFINITY, s.dtMax());
        for (LayerSpec l : c.layers()) {
            assertEquals(LayerSpec.Mixer.MAMBA2, l.mixer());
            assertFalse(l.hasMlp());
        }
    }

    @Test
    void stateSpacesHybridExposesAttentionAndMlp() {
        ModelConfig c = ModelConfig.read(resource("ss-hybrid"));
        assertFalse(c.isPureMamba2());
        assertEquals(10112, c.mlpHidden()); // 10000 rounded up to 128
        assertEquals(40, c.ssm().numHeads()); // 5120 / 128
        assertEquals(2, c.ssm().nGroups());
        assertEquals(64, c.ssm().stateSize());
        List<Integer> attn = c.layers().stream().filter(l -> l.mixer() == LayerSpec.Mixer.ATTENTION).map(LayerSpec::index).toList();
        assertEquals(List.of(9, 18, 27, 36, 45, 56), attn);
        assertTrue(c.layers().stream().allMatch(LayerSpec::hasMlp));
        AttentionConfig a = c.attention().orElseThrow();
        assertEquals(30, a.numHeads());
        assertEquals(6, a.numHeadsKv());
        assertEquals(128, a.headDim());
        assertEquals(64, a.rotaryDim());
        assertEquals(10000.0, a.rotaryBase());
        assertTrue(a.causal());
        assertFalse(a.qkvBias());
        assertFalse(a.outBias());
        assertEquals(4, a.convKernel());
        assertEquals(0, a.mlpDim());
        assertEquals(128 * (30 + 12), a.qkvDim());
        assertTrue(a.softmaxScale().isEmpty());
    }
}
