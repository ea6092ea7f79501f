#!/usr/bin/env python3
"""The training text of the shipped model: the King James Bible (public domain), one verse per line.

Debian ships it as `bible-kjv-text`, read with the `bible` program of `bible-kjv`:
    apt-get install -y bible-kjv
    bible "Gen1:1-Rev22:21" | python3 hybrid-model/scripts/prepare_corpus.py > .train/kjv.txt
Chapter headings and verse numbers are dropped; a verse's wrapped lines are joined.
"""
import re
import sys

HEADING = re.compile(r"^(?:[1-3] )?[A-Z][A-Za-z ]+ \d+$")
VERSE = re.compile(r"^\d+ (.*)$")


def verses(lines):
    current = []
    for line in lines:
        s = line.strip()
        if not s or HEADING.match(s):
            continue
        m = VERSE.match(s)
        if m:
            if current:
                yield " ".join(current)
            current = [m.group(1)]
        else:
            current.append(s)
    if current:
        yield " ".join(current)


if __name__ == "__main__":
    n = 0
    for v in verses(sys.stdin):
        print(v)
        n += 1
    print(f"{n} verses", file=sys.stderr)
