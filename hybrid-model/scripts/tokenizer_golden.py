#!/usr/bin/env python3
"""Golden ids for the Java tokenizer tests, made by the Python `tokenizers` library.

    pip install 'tokenizers==0.23.*'
    python3 hybrid-model/scripts/tokenizer_golden.py TOKENIZER_JSON NAME [--texts FILE]

copies TOKENIZER_JSON to hybrid-model/src/test/resources/tokenizer-golden/NAME.json and writes
NAME.golden.json beside it; GoldenTest then checks every case of every golden file there:

    {"tokenizer": "NAME.json", "tokenizers_version": "0.23.0",
     "cases": [{"text": ..., "ids": [...], "ids_plain": [...],
                "decoded": ..., "decoded_skip_special": ...}]}

ids: encode(text) (add_special_tokens=True, the library's default); ids_plain: the same with
add_special_tokens=False; decoded / decoded_skip_special: decode(ids) with skip_special_tokens
False / True. Truncation and padding are switched off, as the Java tokenizer never applies them.
--texts FILE adds texts, one JSON string per line, to the built-in tricky ones.
"""
import argparse
import json
import os
import shutil
import sys

import tokenizers

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources",
                       "tokenizer-golden")

TEXTS = [
    "", " ", "  ", "   ", "\n", "\n\n", "\n\n\n", "\t", "\t\t", "\r\n", " \n ", "a\n\nb", "a \n b",
    "Hello world", "Hello, world!", " Hello world", "hello   world", "hello\tworld", "hello\nworld\n",
    "The quick brown fox jumps over the lazy dog.",
    "it's I'm you're we've they'll she'd don't IT'S YOU'RE 'tis",
    "0 1 12 123 1234 12345 3.14159 1,000,000 2024-01-01 10:30pm 0x1F 1e-9",
    "café naïve résumé über Straße ÀÉÎÕÜ",
    "cafe\u0301 nai\u0308ve",                      # decomposed accents
    "Привет, мир! Γειά σου κόσμε",
    "中文文本测试 日本語のテキスト 한국어 텍스트",
    "مرحبا بالعالم שלום עולם हिन्दी ภาษาไทย",
    "🙂 👍🏽 👨‍👩‍👧 🇫🇷 ❤️ 😀😀😀",
    "\u00a0no-break\u2009thin\u3000ideographic\u200bzero-width\ufeffbom",
    "ſ \u212a İstanbul ΣΑΣ",                      # case folding oddities
    "x86_64 foo_bar CamelCase snake_case kebab-case http://example.com/a?b=c&d=e",
    "def f(x):\n    return x ** 2  # square\n\n\nprint(f(3))\n",
    "    indented\n\tand tabbed\n",
    "!!! ??? ... --- *** ### @@@ $$$ %%% ^^^ &&& ((( )))",
    "\u0000\u0001\u001f\u007f\u0080\u00ad",
    "a" * 300,
    " ".join(["word"] * 200),
    ("A long paragraph of ordinary English prose, repeated so that the text is longer than any "
     "cache or buffer size might be, with punctuation; numbers like 42 and 1999; and a newline.\n") * 20,
]


def special_texts(tok):
    """Texts with the tokenizer's added tokens in them: alone, glued to words, spaced."""
    added = [t.content for t in tok.get_added_tokens_decoder().values()][:6]
    out = []
    for content in added:
        out += [content, content + "Hello", "Hello" + content, "Hello " + content + " world",
                content + content, " " + content + "\n"]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tokenizer_json")
    parser.add_argument("name", help="base name of the files written, e.g. gpt-neox-20b")
    parser.add_argument("--texts", help="more texts, one JSON string per line")
    args = parser.parse_args()

    tok = tokenizers.Tokenizer.from_file(args.tokenizer_json)
    tok.no_truncation()
    tok.no_padding()
    texts = TEXTS + special_texts(tok)
    if args.texts:
        with open(args.texts, encoding="utf-8") as f:
            texts += [json.loads(line) for line in f if line.strip()]

    cases = []
    for text in texts:
        ids = tok.encode(text).ids
        cases.append({
            "text": text,
            "ids": ids,
            "ids_plain": tok.encode(text, add_special_tokens=False).ids,
            "decoded": tok.decode(ids, skip_special_tokens=False),
            "decoded_skip_special": tok.decode(ids, skip_special_tokens=True),
        })

    os.makedirs(OUT_DIR, exist_ok=True)
    shutil.copyfile(args.tokenizer_json, os.path.join(OUT_DIR, args.name + ".json"))
    golden = {"tokenizer": args.name + ".json", "tokenizers_version": tokenizers.__version__, "cases": cases}
    path = os.path.join(OUT_DIR, args.name + ".golden.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print(f"{path}: {len(cases)} cases, tokenizers {tokenizers.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
