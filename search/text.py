"""How residents' words and the site's texts become comparable terms.

The same functions prepare what is indexed and what is searched, on every backend: accents folded
("epicerie" = "épicerie"), French elisions dropped ("l'école" → "ecole"), a light French stemming
("agriculteurs" → "agriculteur") applied to French texts only (Creole has no such endings), and the
small words that carry no meaning left out.
"""

import re
import unicodedata

ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "il",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "est",
        "sont",
        "etre",
        "avoir",
        "comment",
        "quoi",
        "ou",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "faire",
        "trouver",
        "cherche",
        "chercher",
        "veux",
        "voudrais",
        "besoin",
    ]
)
# Creole small words as residents type them: "ousa mi trouv in..." keeps only the meaningful words.
STOP_WORDS |= frozenset(
    ["lo", "bann", "in", "mi", "i", "ou", "zot", "nou", "li", "sa", "pou", "ek", "dan", "avek", "ousa", "koman", "kosa"]
)


def fold(text):
    """Lower case without accents: what residents type on a phone."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word):
    """A light French stemmer: plurals and feminine forms of the nouns residents search for."""
    if len(word) <= 4 or word.isdigit():
        return word
    for ending, replacement in (("eaux", "eau"), ("aux", "al"), ("trices", "teur"), ("trice", "teur")):
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    for ending, replacement in (("euses", "eur"), ("euse", "eur"), ("ives", "if"), ("ive", "if")):
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ee"):
        word = word[:-1]
    return word


def words(text):
    """The folded words of ``text``, elisions removed, small words left out, in their order."""
    text = ELISION.sub(" ", text or "")
    return [word for word in WORD.findall(fold(text)) if word not in STOP_WORDS]


def terms(text, french=True):
    """The indexed terms of ``text`` in their order: each word's stem for a French text, the word for Creole."""
    return [stem(word) for word in words(text)] if french else words(text)


def variants(word):
    """What a query word may be stored as: itself (Creole) or its French stem."""
    return list(dict.fromkeys([word, stem(word)]))


def joined(terms_list):
    """Terms as stored: separated and surrounded by spaces, so " word " matches a whole word."""
    return f" {' '.join(terms_list)} " if terms_list else ""
