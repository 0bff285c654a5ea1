"""Seeing through disguised words: the form in which blocked words and comments are compared.

Spammers keep a blocked word readable to people while making it a different string to a
machine. `comparable()` undoes the common disguises, and is applied alike to the editor's
phrase and to the comment, so both meet in one spelling:
- compatibility forms (full-width "ＣＡＳＩＮＯ", ligatures, circled letters) become plain
  letters (NFKC);
- format characters (Unicode category Cf: zero-width space and joiners, soft hyphen, word
  joiner, byte-order mark, ...) are invisible, so they are dropped: "ca", a soft hyphen and
  "sino" is "casino";
- combining marks (category Mn) stacked on letters are dropped: "c̸asino" is "casino";
- blank letters (Hangul fillers such as U+3164, the blank Braille pattern) draw nothing though
  Unicode calls them letters, so they are dropped too: "ca", U+3164 and "sino" is "casino";
- Cyrillic, Greek and a few other letters drawn like Latin ones are read as those Latin
  letters: "саsino" written with Cyrillic с and а is "casino".

The result is only ever used for matching, never stored or shown: dropping marks and
folding letters this way would damage real Russian, Greek or Vietnamese text.
"""

import unicodedata

# Letters that readers cannot tell from a Latin letter in common fonts, mapped to it. Upper and
# lower case are listed separately because they can look like different Latin letters (Greek
# capital eta is "H", small eta is "n"); case is folded after this table is applied.
LATIN_LOOKALIKES = {
    # Cyrillic capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K",
    "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y",
    "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ь": "b",
    # Cyrillic small letters
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j",
    "к": "k", "ӏ": "l", "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s",
    "т": "t", "у": "y", "ү": "y", "ԝ": "w", "х": "x", "ь": "b", "ɡ": "g",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "Ϳ": "J",
    # Greek small letters
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    "μ": "u",
    # Armenian and Latin extensions that pass for plain letters
    "օ": "o", "ս": "u", "հ": "h", "ց": "g", "ı": "i", "ȷ": "j", "ɑ": "a",
}  # fmt: skip
FOLD_LOOKALIKES = str.maketrans(LATIN_LOOKALIKES)

# Categories removed before matching: format characters and non-spacing combining marks.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
# Letters that draw nothing: the Hangul choseong, jungseong, compatibility and half-width
# fillers, and the blank Braille pattern.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def comparable(text):
    """`text` as blocked-word matching sees it: disguises undone, case folded, and each run
    of whitespace one space (so a doubled space cannot split a phrase)."""
    # Folded before NFKC too, which would turn some look-alikes into letters that are not
    # (lunate sigma "ϲ" becomes "σ"), and after, for the look-alikes NFKC and stripping marks
    # reveal (mathematical "𝛂" becomes "α", Cyrillic "ӓ" becomes "а").
    text = unicodedata.normalize("NFKC", (text or "").translate(FOLD_LOOKALIKES))
    # Decomposing first turns "é" into "e" plus a combining mark, so the mark can be dropped.
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if unicodedata.category(char) not in INVISIBLE_CATEGORIES and char not in BLANK_LETTERS
    )
    text = text.translate(FOLD_LOOKALIKES).casefold()
    return " ".join(text.split())
