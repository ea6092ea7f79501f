package dev.mamba2j.model.tokenizer;

import java.util.List;

/**
 * Adds the special tokens a single sequence gets when special tokens are asked for. ByteLevel's
 * post-processing only trims offsets, which ids do not carry, so it is the identity here.
 */
interface PostProcessor {
    int[] process(int[] ids, boolean addSpecialTokens);

    PostProcessor NONE = (ids, addSpecialTokens) -> ids;

    static PostProcessor sequence(List<PostProcessor> steps) {
        return (ids, addSpecialTokens) -> {
            int[] out = ids;
            for (PostProcessor p : steps) {
                out = p.process(out, addSpecialTokens);
            }
            return out;
        };
    }

    /**
     * TemplateProcessing's {@code single} template, already resolved: each entry is either the ids
     * of a special token or null where the sequence goes.
     */
    static PostProcessor template(List<int[]> pieces) {
        return (ids, addSpecialTokens) -> {
            if (!addSpecialTokens) {
                return ids;
            }
            IntArrayBuilder out = new IntArrayBuilder();
            for (int[] piece : pieces) {
                out.addAll(piece == null ? ids : piece);
            }
            return out.toArray();
        };
    }
}
