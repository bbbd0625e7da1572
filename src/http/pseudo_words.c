/* Word lists for pseudonyms: 128 adjectives and 128 animals (7 bits each). */
#include "http/pseudo.h"

const char *const mh_pseudo_adjectives[] = {
    "amber",     "ancient",  "arctic", "ashen",    "autumn",   "azure",   "bold",     "brave",
    "breezy",    "bright",   "brisk",  "bronze",   "calm",     "candid",  "cheerful", "clever",
    "cobalt",    "copper",   "coral",  "cosmic",   "crimson",  "crisp",   "curious",  "dapper",
    "daring",    "dawn",     "dusky",  "eager",    "early",    "earthy",  "electric", "emerald",
    "even",      "fabled",   "fair",   "fancy",    "fearless", "fern",    "fiery",    "frosty",
    "gentle",    "gilded",   "glad",   "golden",   "graceful", "granite", "green",    "hardy",
    "hazel",     "hidden",   "hollow", "humble",   "icy",      "indigo",  "ivory",    "jade",
    "jolly",     "keen",     "kind",   "lavender", "lively",   "lucky",   "lunar",    "maple",
    "marble",    "mellow",   "merry",  "mighty",   "misty",    "modest",  "mossy",    "nimble",
    "noble",     "northern", "oaken",  "ochre",    "olive",    "opal",    "patient",  "pearl",
    "plucky",    "polar",    "proud",  "quiet",    "quick",    "rapid",   "rosy",     "royal",
    "ruby",      "rustic",   "sable",  "sandy",    "scarlet",  "serene",  "shady",    "silent",
    "silver",    "sleek",    "slate",  "smoky",    "snowy",    "solar",   "spry",     "steady",
    "stormy",    "sturdy",   "sunny",  "swift",    "tawny",    "teal",    "tidal",    "topaz",
    "tranquil",  "twilight", "umber",  "upbeat",   "velvet",   "verdant", "violet",   "vivid",
    "wandering", "warm",     "wary",   "western",  "wild",     "windy",   "wise",     "witty",
};

const char *const mh_pseudo_animals[] = {
    "aardvark",   "albatross", "alpaca",  "antelope",   "armadillo", "badger",   "barracuda",
    "beaver",     "bison",     "bobcat",  "buffalo",    "camel",     "capybara", "caribou",
    "cheetah",    "chipmunk",  "cobra",   "condor",     "cougar",    "coyote",   "crane",
    "crow",       "dingo",     "dolphin", "donkey",     "dove",      "dugong",   "eagle",
    "eel",        "egret",     "elk",     "emu",        "falcon",    "ferret",   "finch",
    "flamingo",   "fox",       "gazelle", "gecko",      "gibbon",    "giraffe",  "gnu",
    "goose",      "gopher",    "gorilla", "grouse",     "gull",      "hare",     "hawk",
    "hedgehog",   "heron",     "hippo",   "hornet",     "hyena",     "ibex",     "ibis",
    "iguana",     "impala",    "jackal",  "jaguar",     "jay",       "kangaroo", "kestrel",
    "kingfisher", "kiwi",      "koala",   "lemur",      "leopard",   "lion",     "llama",
    "lobster",    "lynx",      "macaw",   "magpie",     "mallard",   "manatee",  "marmot",
    "marten",     "meerkat",   "mink",    "mole",       "moose",     "narwhal",  "newt",
    "ocelot",     "octopus",   "okapi",   "orca",       "osprey",    "ostrich",  "otter",
    "owl",        "panda",     "panther", "parrot",     "pelican",   "penguin",  "pheasant",
    "pika",       "platypus",  "puffin",  "puma",       "quail",     "rabbit",   "raccoon",
    "raven",      "reindeer",  "robin",   "salamander", "seal",      "shark",    "sparrow",
    "squid",      "stork",     "swan",    "tapir",      "tiger",     "toucan",   "turtle",
    "viper",      "vulture",   "walrus",  "weasel",     "whale",     "wolf",     "wombat",
    "yak",        "zebra",
};
