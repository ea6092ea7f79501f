package dev.mamba2j.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingDecoderTest {
    private static final Tokenizer TOK = Tokenizer.load(TestFiles.resource("tokenizer/tiny-bytelevel.json"));

    @Test
    void aCharacterSplitOverTokensComesOutWhenComplete() {
        // 🙂 is four byte tokens (172 253 247 224); "hello" (262) and " world" (268) are whole.
        StreamingDecoder d = TOK.streamingDecoder();
        assertEquals("hello", d.next(262));
        assertEquals("", d.next(172));
        assertEquals("", d.next(253));
        assertEquals("", d.next(247));
        assertEquals("🙂", d.next(224));
        assertEquals(" world", d.next(268));
        assertEquals("", d.flush());
    }

    @Test
    void flushRendersAnUnfinishedCharacterAsDecodeDoes() {
        StreamingDecoder d = TOK.streamingDecoder();
        assertEquals("", d.next(172));
        assertEquals("", d.next(253));
        assertEquals("\uFFFD", d.flush());
        assertEquals("\uFFFD", TOK.decode(new int[] {172, 253}));
        // A byte that cannot continue the character settles it at once.
        assertEquals("", d.next(172));
        assertEquals("\uFFFDhello", d.next(262));
    }

    @Test
    void specialTokensCanBeLeftOut() {
        StreamingDecoder d = TOK.streamingDecoder(true);
        assertEquals("hello", d.next(262));
        assertEquals("", d.next(277));
        assertEquals("<|endoftext|>", TOK.streamingDecoder().next(277));
    }

    @Test
    void withoutADecoderTokensAreJoinedBySpaces(@TempDir Path dir) {
        // The library joins the raw tokens with " " when tokenizer.json has no decoder.
        Tokenizer plain = Tokenizer.load(TestFiles.variant("tokenizer/tiny-bytelevel.json", dir, "plain.json",
                root -> root.putNull("decoder")));
        assertEquals("hello Ġworld", plain.decode(new int[] {262, 268}));
        StreamingDecoder d = plain.streamingDecoder(true);
        assertEquals("", d.next(277));
        assertEquals("hello", d.next(262));
        assertEquals(" Ġworld", d.next(268));
        assertEquals("", d.flush());
        assertEquals("hello", d.next(262));
    }

    @Test
    void theStreamAddsUpToDecodeForAnyIds() {
        // Random ids, unknown ones (280-289) among them, over both decoders' kinds of output.
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            int[] ids = random.ints(random.nextInt(12), 0, 290).toArray();
            for (boolean skip : new boolean[] {false, true}) {
                StreamingDecoder d = TOK.streamingDecoder(skip);
                StringBuilder streamed = new StringBuilder();
                for (int id : ids) {
                    streamed.append(d.next(id));
                }
                streamed.append(d.flush());
                assertEquals(TOK.decode(ids, skip), streamed.toString());
            }
        }
    }
}
