"""The 256 words that spell key fingerprints aloud: one word per byte.

Written for this project: short, common, concrete English words, lowercase a-z, three to six
letters. No two share their first four letters and no word is a prefix of another, so a word
heard over a bad phone line, or typed with its first four letters, is still unambiguous. Words
with a charged meaning for the people this app serves (violence, restraint, slang) were left out.

The order is part of the fingerprint format: changing, reordering or replacing a word changes
every fingerprint shown to users. tests/vectors/envelope_v1.json pins it.
"""

from __future__ import annotations

# One line per ten words keeps the list readable; the formatter would put one per line.
# fmt: off
WORDS: tuple[str, ...] = (
    "acorn", "actor", "album", "alley", "amber", "anchor", "angle", "ankle", "apple", "apron",
    "arena", "arrow", "atlas", "attic", "badge", "bagel", "baker", "bamboo", "banjo", "barn",
    "basil", "basket", "beach", "beard", "beetle", "bench", "berry", "bike", "birch", "bison",
    "board", "boat", "bonus", "book", "boot", "bottle", "bowl", "breeze", "brick", "bridge",
    "brush", "bubble", "bucket", "butter", "cabin", "cactus", "cake", "camel", "canal", "candle",
    "canoe", "canvas", "canyon", "carbon", "carpet", "carrot", "castle", "cedar", "cello", "chalk",
    "cheese", "chili", "cider", "cinema", "circle", "clay", "cliff", "clock", "cloud", "clover",
    "coast", "cobalt", "cocoa", "coffee", "comet", "cookie", "copper", "coral", "corn", "cotton",
    "cousin", "cowboy", "crab", "cradle", "crane", "crayon", "cream", "crown", "cube", "cup",
    "daisy", "delta", "denim", "desert", "desk", "dinner", "doctor", "donkey", "door", "dragon",
    "dream", "drum", "duck", "dune", "eagle", "earth", "easel", "echo", "elbow", "elm", "ember",
    "farm", "fence", "fern", "ferry", "field", "fig", "finch", "flag", "flame", "flute", "foam",
    "fox", "frog", "fruit", "gecko", "globe", "glove", "goat", "gold", "goose", "grape", "grass",
    "harp", "hazel", "heart", "herb", "hill", "hook", "horse", "house", "igloo", "iris", "ivory",
    "ivy", "jam", "jar", "jelly", "jewel", "juice", "kayak", "kite", "kiwi", "koala", "lake",
    "lamp", "lava", "lemon", "lemur", "lily", "lime", "linen", "lion", "llama", "lotus", "lunar",
    "mango", "maple", "marsh", "melon", "mint", "moon", "moose", "motor", "mouse", "music", "nest",
    "nut", "oak", "oasis", "ocean", "olive", "onion", "opera", "orbit", "otter", "owl", "paint",
    "palm", "panda", "paper", "pasta", "peach", "pearl", "petal", "piano", "pilot", "pine",
    "pizza", "plaza", "plum", "poem", "pony", "poppy", "prism", "quail", "quilt", "radio", "raven",
    "reef", "rhino", "rice", "river", "robin", "ruby", "salad", "sand", "scarf", "seed", "shell",
    "ship", "shoe", "silk", "sky", "sled", "snail", "snow", "soap", "sock", "sofa", "spoon",
    "squid", "star", "stone", "straw", "swan", "table", "tiger", "toast", "torch", "tower",
    "train", "tree", "tulip", "tuna", "vapor", "violin", "wagon", "walnut", "wheat", "wolf",
    "wool", "yacht", "yarn", "zebra", "zinc",
)
# fmt: on
